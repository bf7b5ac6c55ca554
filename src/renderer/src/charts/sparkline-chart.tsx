// A realtime sparkline: visitors over time as a soft area, no axes (the realtime view says the scale).
import { Area, AreaChart, ResponsiveContainer, XAxis, YAxis } from 'recharts'

export interface SparklineChartProps {
  points: Array<{ at: number; visitors: number }>
  height: number
  testId: string
}

export function SparklineChart({ points, height, testId }: SparklineChartProps): React.JSX.Element {
  return (
    <div data-testid={testId}>
      <ResponsiveContainer width="100%" height={height}>
        <AreaChart data={points} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
          <XAxis dataKey="at" type="number" domain={['dataMin', 'dataMax']} hide />
          <YAxis hide domain={[0, 'dataMax']} />
          <Area
            type="monotone"
            dataKey="visitors"
            stroke="currentColor"
            fill="currentColor"
            fillOpacity={0.15}
            isAnimationActive={false}
            dot={false}
          />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  )
}
