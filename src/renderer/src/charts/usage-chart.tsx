// Requests per UTC hour over the last 24 hours, stacked by who sent them (the window, the CLI, background
// refresh, the tray), against the hourly limit and the ceiling where background work stops.
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { TooltipContentProps } from 'recharts'
import { requestPriorities, type BudgetSnapshot, type RequestPriority } from '../../../shared/contract/calls'
import { describeSources, hourBars, hourUsage, type HourBar } from '../../../shared/stats/usage'

const sourceLabels: Record<RequestPriority, string> = {
  interactive: 'Window',
  cli: 'CLI',
  background: 'Background refresh',
  tray: 'Tray',
}

const sourceColors: Record<RequestPriority, string> = {
  interactive: 'var(--source-window)',
  cli: 'var(--source-cli)',
  background: 'var(--source-background)',
  tray: 'var(--source-tray)',
}

/** Axis ticks in the viewer's local time; the buckets themselves are UTC hours (plausible-api.md §3). */
const localHour = (iso: string): string =>
  new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })

export function UsageChart({ budget }: { budget: BudgetSnapshot }): React.JSX.Element {
  const usage = hourUsage(budget)
  const bars = hourBars(budget)
  const thisHour = bars.at(-1)
  const counted = bars.reduce((sum, bar) => sum + bar.total, 0)
  const summary = thisHour ? describeSources(thisHour) : 'none'
  return (
    <div
      className="usage-chart usage-chart--hours"
      data-testid="usage-chart"
      data-used={usage.used}
      data-limit={usage.limit}
      data-background-ceiling={usage.backgroundCeiling}
      data-hours={bars.length}
      data-hours-total={counted}
      data-this-hour-interactive={thisHour?.interactive ?? 0}
      data-this-hour-cli={thisHour?.cli ?? 0}
      data-this-hour-background={thisHour?.background ?? 0}
      data-this-hour-tray={thisHour?.tray ?? 0}
      role="img"
      aria-label={`Requests per hour over the last ${bars.length} hours, by source. This hour: ${summary}, against a limit of ${usage.limit}; background refresh and the tray stop at ${usage.backgroundCeiling}.`}
    >
      <h3 className="usage-chart__title">Requests per hour, last 24 hours, by source</h3>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={bars} margin={{ top: 20, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid vertical={false} />
          <XAxis dataKey="hourStartedAt" tickFormatter={localHour} minTickGap={16} tickLine={false} />
          <YAxis
            allowDecimals={false}
            width={44}
            domain={[0, (dataMax: number) => Math.max(dataMax, usage.limit)]}
          />
          <Tooltip cursor={{ fill: 'var(--grid)' }} content={(props) => <HourTooltip {...props} />} />
          {/* In the order the priorities run, not alphabetically. */}
          <Legend verticalAlign="bottom" height={32} itemSorter={null} />
          {requestPriorities.map((source) => (
            <Bar
              key={source}
              dataKey={source}
              name={sourceLabels[source]}
              stackId="hour"
              fill={sourceColors[source]}
              isAnimationActive={false}
            />
          ))}
          {/* The limit's label sits above its line and the ceiling's below, so the two never overlap. */}
          <ReferenceLine
            y={usage.limit}
            stroke="var(--danger)"
            label={{ value: `limit ${usage.limit}`, position: 'top', className: 'usage-chart__line-label' }}
          />
          <ReferenceLine
            y={usage.backgroundCeiling}
            stroke="var(--warn)"
            strokeDasharray="5 4"
            label={{
              value: `background and tray stop at ${usage.backgroundCeiling}`,
              position: 'bottom',
              className: 'usage-chart__line-label',
            }}
          />
        </BarChart>
      </ResponsiveContainer>
      <p className="card__intro" data-testid="usage-chart-note">
        Each bar is one UTC hour, shown in your local time. The solid line is the hour’s limit ({usage.limit}
        ); background refresh and the tray stop at the dashed line ({usage.backgroundCeiling}) and leave the
        rest to the window and the CLI.
      </p>
    </div>
  )
}

function HourTooltip({ active, payload }: TooltipContentProps): React.JSX.Element | null {
  const bar = payload?.[0]?.payload as HourBar | undefined
  if (!active || !bar) return null
  const start = new Date(bar.hourStartedAt)
  const end = new Date(start.getTime() + 3_600_000)
  const utc = bar.hourStartedAt.slice(11, 16)
  return (
    <div className="chart__tooltip" data-testid="usage-chart-tooltip">
      <div className="chart__tooltip-metric">
        {localHour(start.toISOString())}–{localHour(end.toISOString())} ({utc} UTC)
      </div>
      {requestPriorities.map((source) => (
        <div className="chart__tooltip-row" key={source}>
          <span
            className="chart__tooltip-swatch"
            style={{ background: sourceColors[source] }}
            aria-hidden="true"
          />
          <span className="chart__tooltip-label">{sourceLabels[source]}</span>
          <strong>{bar[source]}</strong>
        </div>
      ))}
      <div className="chart__tooltip-row">
        <span className="chart__tooltip-label">Total</span>
        <strong>{bar.total}</strong>
      </div>
    </div>
  )
}
