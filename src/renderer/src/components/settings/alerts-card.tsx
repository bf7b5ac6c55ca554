// Spike and drop alerts: on/off and calm mode save at once (calm is a tray setting: it words alerts too); the per-site lines, quiet hours and the hourly
// cap are checked as typed (forms/alert-form.ts) and saved together with `alerts.set`.
import { useState } from 'react'
import type { AlertSettings, PinnedSite, TraySettings } from '../../../../shared/contract/glance'
import { useCallMutation } from '../../api/mutations'
import {
  alertChangeOf,
  checkMaxPerHour,
  checkQuietHours,
  checkRule,
  draftOf,
  pinKey,
  type QuietDraft,
  type RuleDraft,
} from '../../forms/alert-form'
import { useApi } from '../../api/client'
import { SaveNote } from './save-note'
import { SavedSwitch } from './saved-switch'

export function AlertsCard({
  pins,
  alerts,
  tray,
}: {
  pins: PinnedSite[]
  alerts: AlertSettings
  tray: TraySettings
}): React.JSX.Element {
  const api = useApi()
  const save = useCallMutation('alerts.set', ['alerts.get'])
  // Only what the user changed since the last save; everything else reads the core's answer.
  const [ruleEdits, setRuleEdits] = useState<Map<string, RuleDraft>>(() => new Map())
  const [quietEdit, setQuietEdit] = useState<QuietDraft | null>(null)
  const [maxEdit, setMaxEdit] = useState<string | null>(null)

  const ruleDraft = (pin: PinnedSite): RuleDraft =>
    ruleEdits.get(pinKey(pin)) ??
    draftOf(alerts.rules.find((rule) => rule.account === pin.account && rule.site === pin.site))
  const quiet: QuietDraft = quietEdit ?? {
    isOn: alerts.quietHours !== null,
    start: alerts.quietHours?.start ?? '22:00',
    end: alerts.quietHours?.end ?? '07:00',
  }
  const maxText = maxEdit ?? String(alerts.maxPerHour)
  const quietCheck = checkQuietHours(quiet)
  const maxCheck = checkMaxPerHour(maxText)
  const rules = new Map(pins.map((pin) => [pinKey(pin), ruleDraft(pin)]))
  const change = alertChangeOf(pins, { rules, quiet, maxPerHour: maxText })
  const isEdited = ruleEdits.size > 0 || quietEdit !== null || maxEdit !== null

  const editRule = (pin: PinnedSite, field: keyof RuleDraft, value: string): void => {
    save.reset()
    setRuleEdits((current) => new Map(current).set(pinKey(pin), { ...ruleDraft(pin), [field]: value }))
  }
  const editQuiet = (next: Partial<QuietDraft>): void => {
    save.reset()
    setQuietEdit({ ...quiet, ...next })
  }

  return (
    <section className="card" data-testid="alerts-card" aria-labelledby="alerts-title">
      <div className="card__head">
        <h2 id="alerts-title" className="card__title">
          Alerts
        </h2>
        <span className="card__intro">
          A notification when a pinned site’s current visitors cross a line, as the tray samples them.
        </span>
      </div>
      <div className="settings-switches">
        <SavedSwitch
          saved={alerts.enabled}
          save={(enabled) => api['alerts.set']({ enabled })}
          invalidates="alerts.get"
          label="Show alerts"
          hint="off keeps the lines below, and shows nothing"
          testId="alerts-enabled"
        />
        <SavedSwitch
          saved={tray.calm}
          save={(calm) => api['tray.set']({ calm })}
          invalidates="tray.get"
          label="Calm mode"
          hint="the tray title and notifications say ↑ ↓ → instead of numbers"
          testId="tray-calm"
        />
      </div>
      <form
        className="form"
        data-testid="alerts-form"
        onSubmit={(event) => {
          event.preventDefault()
          if (!change) return
          save.mutate(change, {
            onSuccess: () => {
              setRuleEdits(new Map())
              setQuietEdit(null)
              setMaxEdit(null)
            },
          })
        }}
      >
        {pins.length === 0 ? (
          <p className="explain" data-testid="rules-empty">
            Pin a site above to give it spike and drop lines.
          </p>
        ) : (
          <table className="data-table" data-testid="rules-table">
            <thead>
              <tr>
                <th>Site</th>
                <th>Spike: visitors reach</th>
                <th>Drop: visitors fall below</th>
              </tr>
            </thead>
            <tbody>
              {pins.map((pin) => {
                const draft = ruleDraft(pin)
                const { problems } = checkRule(pin, draft)
                const id = `rule-${pinKey(pin).replace(/[^a-z0-9]+/gi, '-')}`
                return (
                  <tr
                    key={pinKey(pin)}
                    data-testid="rule-row"
                    data-site={pin.site}
                    data-account={pin.account}
                  >
                    <td>
                      {pin.site} <span className="site-item__account">{pin.account}</span>
                    </td>
                    <td>
                      <RuleInput
                        id={`${id}-spike`}
                        label={`Spike line for ${pin.site} (${pin.account})`}
                        value={draft.spike}
                        problem={problems.spike}
                        testId="rule-spike"
                        onChange={(value) => editRule(pin, 'spike', value)}
                      />
                    </td>
                    <td>
                      <RuleInput
                        id={`${id}-drop`}
                        label={`Drop line for ${pin.site} (${pin.account})`}
                        value={draft.drop}
                        problem={problems.drop}
                        testId="rule-drop"
                        onChange={(value) => editRule(pin, 'drop', value)}
                      />
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
        <fieldset className="fieldset">
          <legend>Quiet hours (this computer’s time)</legend>
          <label className="check">
            <input
              type="checkbox"
              data-testid="quiet-on"
              checked={quiet.isOn}
              onChange={(event) => editQuiet({ isOn: event.target.checked })}
            />
            Show nothing between
          </label>
          <div className="field-pair">
            <label className="field">
              From
              <input
                type="time"
                data-testid="quiet-start"
                value={quiet.start}
                disabled={!quiet.isOn}
                aria-invalid={quietCheck.problem ? true : undefined}
                onChange={(event) => editQuiet({ start: event.target.value })}
              />
            </label>
            <label className="field">
              To
              <input
                type="time"
                data-testid="quiet-end"
                value={quiet.end}
                disabled={!quiet.isOn}
                aria-invalid={quietCheck.problem ? true : undefined}
                onChange={(event) => editQuiet({ end: event.target.value })}
              />
            </label>
          </div>
          {quietCheck.problem ? (
            <span className="field__problem" role="alert" data-testid="quiet-problem">
              {quietCheck.problem}
            </span>
          ) : null}
        </fieldset>
        <label className="field settings-narrow">
          At most this many alerts per hour, across all sites
          <input
            type="number"
            min={1}
            max={60}
            inputMode="numeric"
            data-testid="alerts-max"
            value={maxText}
            aria-invalid={maxCheck.problem ? true : undefined}
            onChange={(event) => {
              save.reset()
              setMaxEdit(event.target.value)
            }}
          />
          {maxCheck.problem ? (
            <span className="field__problem" role="alert" data-testid="max-problem">
              {maxCheck.problem}
            </span>
          ) : null}
        </label>
        <div className="form__foot">
          <button
            type="submit"
            className="button"
            data-testid="alerts-save"
            disabled={!change || !isEdited || save.isPending}
          >
            Save alerts
          </button>
          {isEdited && !change ? (
            <span className="field__problem" data-testid="alerts-blocked">
              Fix the fields marked above to save.
            </span>
          ) : null}
          <SaveNote state={save} testId="alerts-note" />
        </div>
      </form>
    </section>
  )
}

function RuleInput({
  id,
  label,
  value,
  problem,
  testId,
  onChange,
}: {
  id: string
  label: string
  value: string
  problem: string | undefined
  testId: string
  onChange: (value: string) => void
}): React.JSX.Element {
  return (
    <div className="field">
      <input
        id={id}
        type="text"
        inputMode="numeric"
        placeholder="none"
        aria-label={label}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        data-testid={testId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      {problem ? (
        <span id={`${id}-problem`} className="field__problem" role="alert" data-testid={`${testId}-problem`}>
          {problem}
        </span>
      ) : null}
    </div>
  )
}
