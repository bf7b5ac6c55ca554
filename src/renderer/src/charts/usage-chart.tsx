// This hour's requests against the account's limit, as one stacked bar: used, left for everyone, and the
// reserve only the window and the CLI may spend. The ledger counts requests per key and hour, not per face.
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
import type { BudgetSnapshot } from '../../../shared/contract'
import { hourUsage } from '../../../shared/stats/usage'

export function UsageChart({ budget }: { budget: BudgetSnapshot }): React.JSX.Element {
  const usage = hourUsage(budget)
  const rows = [{ name: 'This hour', ...usage }]
  return (
    <div
      className="usage-chart usage-chart--hour"
      data-testid="usage-chart"
      data-used={usage.used}
      data-limit={usage.limit}
      role="img"
      aria-label={`${usage.used} of ${usage.limit} requests used this hour; ${usage.limit - usage.backgroundCeiling} kept for the window and the CLI`}
    >
      <ResponsiveContainer width="100%" height={150}>
        <BarChart data={rows} layout="vertical" margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid horizontal={false} />
          <XAxis type="number" domain={[0, usage.limit]} allowDecimals={false} />
          <YAxis type="category" dataKey="name" width={80} />
          <Tooltip cursor={false} />
          <Legend verticalAlign="bottom" height={28} />
          <Bar dataKey="used" name="Used" stackId="hour" fill="var(--accent)" isAnimationActive={false} />
          <Bar dataKey="openLeft" name="Left" stackId="hour" fill="var(--bar)" isAnimationActive={false} />
          <Bar
            dataKey="reserveLeft"
            name="Reserve (window and CLI only)"
            stackId="hour"
            fill="var(--warn-soft)"
            stroke="var(--warn)"
            isAnimationActive={false}
          />
          <ReferenceLine x={usage.backgroundCeiling} stroke="var(--warn)" strokeDasharray="4 3" />
        </BarChart>
      </ResponsiveContainer>
      <p className="card__intro" data-testid="usage-chart-note">
        The ledger counts requests per key and UTC hour, not which face sent them (window, tray or CLI), so
        this is the hour’s total against the limit. Background refresh and the tray stop at the dashed line (
        {usage.backgroundCeiling}); the rest is kept for the window and the CLI.
      </p>
    </div>
  )
}
