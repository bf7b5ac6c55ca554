// The MCP prompts: three questions agents are asked most, each spelled out as calls of this server's own
// tools (so they spend the budget the same way, and each answer says what it cost). Dates are computed
// here from the session's clock, so the agent compares exactly the periods the prompt names.

export interface PromptMessage {
  role: 'user'
  content: { type: 'text'; text: string }
}

const day = 86_400_000

/** YYYY-MM-DD of the UTC day `days` before `now`. */
function dateBefore(now: number, days: number): string {
  return new Date(now - days * day).toISOString().slice(0, 10)
}

/** The last `days` days up to today, and the `days` before them. */
export function comparedPeriods(
  now: number,
  days: number,
): { current: [string, string]; previous: [string, string] } {
  return {
    current: [dateBefore(now, days - 1), dateBefore(now, 0)],
    previous: [dateBefore(now, 2 * days - 1), dateBefore(now, days)],
  }
}

function accountArg(account: string | undefined): string {
  return account ? `, "account": ${JSON.stringify(account)}` : ''
}

function message(text: string): PromptMessage[] {
  return [{ role: 'user', content: { type: 'text', text } }]
}

export function weeklyReportPrompt(args: { site: string; account?: string }, now: number): PromptMessage[] {
  const { current, previous } = comparedPeriods(now, 7)
  const base = `"site": ${JSON.stringify(args.site)}${accountArg(args.account)}`
  return message(
    [
      `Write a short weekly report of ${args.site} for ${current[0]} to ${current[1]}, against the week before.`,
      'Use these tools of the plausible server, in this order:',
      `1. stats_aggregate {${base}, "date_range": ${JSON.stringify(current)}} and the same with "date_range": ${JSON.stringify(previous)}: visitors, visits, pageviews, bounce rate and visit duration, with each change in %.`,
      `2. stats_timeseries {${base}, "date_range": ${JSON.stringify(current)}, "interval": "time:day"}: the best and the worst day.`,
      `3. stats_breakdown {${base}, "date_range": ${JSON.stringify(current)}, "dimensions": ["visit:source"], "limit": 5}, then with ["event:page"] and ["visit:country_name"]: the top five of each.`,
      'Every answer says what it cost (budget.cost) and what is left (budget.remainingThisHour, budget.sessionRemaining): stop and say so if the budget runs out.',
      'End with three plain-language observations.',
    ].join('\n'),
  )
}

export function trafficChangePrompt(
  args: { site: string; account?: string; days?: string },
  now: number,
): PromptMessage[] {
  const days = Math.min(90, Math.max(1, Number.parseInt(args.days ?? '7', 10) || 7))
  const { current, previous } = comparedPeriods(now, days)
  const base = `"site": ${JSON.stringify(args.site)}${accountArg(args.account)}`
  return message(
    [
      `Explain why traffic to ${args.site} changed: the last ${days} days (${current[0]} to ${current[1]}) against the ${days} days before (${previous[0]} to ${previous[1]}).`,
      `1. stats_aggregate {${base}, "date_range": ${JSON.stringify(current)}} and with "date_range": ${JSON.stringify(previous)}: how much visitors changed.`,
      `2. For each of ["visit:source"], ["event:page"] and ["visit:country_name"]: stats_breakdown {${base}, "dimensions": […], "limit": 20} for both periods.`,
      '3. The top movers: the values whose visitors changed most (in absolute numbers), up and down, with both counts. Values present in one period only count as 0 in the other.',
      'Say which movers explain most of the total change, and stop early if budget.sessionRemaining reaches 0.',
    ].join('\n'),
  )
}

export function goalFunnelPrompt(
  args: { site: string; account?: string; goals?: string },
  now: number,
): PromptMessage[] {
  const { current } = comparedPeriods(now, 30)
  const base = `"site": ${JSON.stringify(args.site)}${accountArg(args.account)}`
  const named = args.goals
    ?.split(',')
    .map((goal) => goal.trim())
    .filter(Boolean)
  const steps = named?.length
    ? `the steps ${named.map((goal) => JSON.stringify(goal)).join(' → ')}, in this order`
    : 'the goals goals_list returns, in the order a visitor would reach them (say which order you chose)'
  return message(
    [
      `Check the goal funnel of ${args.site} over the last 30 days (${current[0]} to ${current[1]}): ${steps}.`,
      `1. goals_list {${base}}: the goals configured; name any step that is not a goal.`,
      `2. stats_breakdown {${base}, "date_range": ${JSON.stringify(current)}, "dimensions": ["event:goal"], "metrics": ["visitors", "events", "conversion_rate"], "limit": 50}: one row per goal.`,
      `3. stats_aggregate {${base}, "date_range": ${JSON.stringify(current)}, "metrics": ["visitors"]}: the visitors the funnel starts from.`,
      'Show each step with its visitors, its conversion rate, and the drop from the step before; point at the largest drop.',
    ].join('\n'),
  )
}
