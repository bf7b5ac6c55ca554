// The alert settings form as pure checks: each field's text becomes the contract's value or a sentence
// naming what to fix, as the user types. The contract's zod schemas (glance.ts) have the last word; the
// form is stricter only where the schema allows something that can never help (a drop line at the spike
// line alerts on every sample, equal quiet-hour ends silence nothing: see isQuiet in core/glance/alerts.ts).
import {
  AlertSettings,
  SiteAlertRule,
  type AlertSettings as AlertSettingsValue,
  type PinnedSite,
  type SiteAlertRule as SiteAlertRuleValue,
} from '../../../shared/contract/glance'
import { optionalCount } from './form-input'

/** What the user typed for one pinned site; empty means "no alert of this kind". */
export interface RuleDraft {
  spike: string
  drop: string
}

export interface RuleCheck {
  /** Null when both fields are empty: the site has no rule. Undefined while a field has a problem. */
  rule: SiteAlertRuleValue | null | undefined
  problems: { spike?: string; drop?: string }
}

const countProblem = 'Type a whole number of visitors above zero, or leave it empty for none.'

export function checkRule(pin: PinnedSite, draft: RuleDraft): RuleCheck {
  const spikeAt = optionalCount(draft.spike)
  const dropBelow = optionalCount(draft.drop)
  const problems: RuleCheck['problems'] = {}
  if (spikeAt === 'invalid') problems.spike = countProblem
  if (dropBelow === 'invalid') problems.drop = countProblem
  if (problems.spike || problems.drop) return { rule: undefined, problems }
  if (spikeAt === undefined && dropBelow === undefined) return { rule: null, problems }
  if (spikeAt !== undefined && dropBelow !== undefined && dropBelow >= spikeAt) {
    problems.drop = `The drop line must be below the spike line (${spikeAt}): it alerts under ${dropBelow} visitors, the spike at ${spikeAt} or more.`
    return { rule: undefined, problems }
  }
  const parsed = SiteAlertRule.safeParse({
    account: pin.account,
    site: pin.site,
    spikeAt: spikeAt ?? null,
    dropBelow: dropBelow ?? null,
  })
  if (parsed.success) return { rule: parsed.data, problems }
  return { rule: undefined, problems: { drop: parsed.error.issues[0]?.message ?? countProblem } }
}

/** The saved rule's numbers as the form's text. */
export function draftOf(rule: SiteAlertRuleValue | undefined): RuleDraft {
  return { spike: rule?.spikeAt?.toString() ?? '', drop: rule?.dropBelow?.toString() ?? '' }
}

export interface QuietDraft {
  isOn: boolean
  start: string
  end: string
}

export function checkQuietHours(draft: QuietDraft): {
  value: AlertSettingsValue['quietHours'] | undefined
  problem?: string
} {
  if (!draft.isOn) return { value: null }
  const parsed = AlertSettings.shape.quietHours.safeParse({ start: draft.start, end: draft.end })
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue?.path[0] === 'end' ? 'To' : 'From'
    return { value: undefined, problem: `${field}: ${issue?.message ?? 'not a time of day'}` }
  }
  if (parsed.data && parsed.data.start === parsed.data.end)
    return { value: undefined, problem: 'From and to are the same time, which silences nothing.' }
  return { value: parsed.data }
}

export function checkMaxPerHour(text: string): { value: number | undefined; problem?: string } {
  const count = optionalCount(text)
  const parsed = AlertSettings.shape.maxPerHour.safeParse(typeof count === 'number' ? count : Number.NaN)
  if (parsed.success) return { value: parsed.data }
  return { value: undefined, problem: 'Type a whole number from 1 to 60.' }
}

export interface AlertFormDraft {
  rules: Map<string, RuleDraft>
  quiet: QuietDraft
  maxPerHour: string
}

export const pinKey = (pin: PinnedSite): string => `${pin.account}\n${pin.site}`

/**
 * The `alerts.set` input for the pinned sites, or null while a field has a problem. Rules of sites no
 * longer pinned are left out: the tray polls only pinned sites, so they could never fire.
 */
export function alertChangeOf(
  pins: readonly PinnedSite[],
  draft: AlertFormDraft,
): Pick<AlertSettingsValue, 'rules' | 'quietHours' | 'maxPerHour'> | null {
  const rules: SiteAlertRuleValue[] = []
  for (const pin of pins) {
    const { rule } = checkRule(pin, draft.rules.get(pinKey(pin)) ?? { spike: '', drop: '' })
    if (rule === undefined) return null
    if (rule) rules.push(rule)
  }
  const quiet = checkQuietHours(draft.quiet)
  const cap = checkMaxPerHour(draft.maxPerHour)
  if (quiet.value === undefined || cap.value === undefined) return null
  const change = { rules, quietHours: quiet.value, maxPerHour: cap.value }
  return AlertSettings.pick({ rules: true, quietHours: true, maxPerHour: true }).safeParse(change).success
    ? change
    : null
}
