// The short agent reference (resource plausible://reference): this session's tools, the metrics and
// dimensions with the rules of which go together (the same lines as llms.txt), and the budget rules.
import { vocabularyLines } from '../reference/vocabulary-text'
import type { McpTool } from './tools'

export function agentReference(tools: readonly McpTool[]): string {
  return [
    '# Plausible Analytics over MCP (Plausible Desktop)',
    '',
    '## Tools of this session',
    ...tools.map((tool) => `- \`${tool.name}\` (${tool.access}): ${tool.description.split('. ')[0]}.`),
    '',
    '## Budget',
    '- Every account has an hourly request budget, shared with the desktop window, its tray and the CLI (600/hour on plausible.io), counted per UTC hour.',
    '- Every answer has `budget`: `cost` (requests it spent; 0 from a cache), `remainingThisHour`, `sessionRemaining` (under --max-requests) and `resetsAt`.',
    "- When the account is down to the requests kept for the window and the tray, a question asked before in this session is answered from this session's cache (`budget.cached` gives its age); any other is a BUDGET_EXHAUSTED error with the reset time.",
    '- Reads never wait for the budget: they fail at once with the reset time.',
    '',
    '## Metrics and dimensions',
    ...vocabularyLines().filter((line) => !line.includes('--filter')),
    '',
    '## Errors',
    '- A tool error (isError) starts with its code (USAGE, QUERY_INVALID, AUTH_INVALID, NOT_FOUND, BUDGET_EXHAUSTED…), then a hint that says what to do; QUERY_INVALID names the JSON pointer of the part at fault.',
    '',
  ].join('\n')
}
