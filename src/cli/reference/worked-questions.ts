// Questions an agent is asked, each answered with the exact commands, for llms.txt. They run as written
// on the built-in Demo account (test/integration/cli-reference.test.ts runs every one).

export interface WorkedQuestion {
  question: string
  /** Command lines, run in order. */
  commands: string[]
  /** Why these flags: the rule an agent would otherwise trip on. */
  why: string
}

export const workedQuestions: WorkedQuestion[] = [
  {
    question: 'How many visitors did shop.example.com have in the last 30 days, against the 30 days before?',
    commands: [
      'plausible stats aggregate --site shop.example.com --period 30d --metric visitors --compare previous_period --json',
    ],
    why: '30d ends yesterday; --compare adds the 30 days before and the change.',
  },
  {
    question: 'Which sources brought the visitors who saw /pricing this month?',
    commands: [
      'plausible stats breakdown --site shop.example.com --period month --dimension visit:source --filter "event:page==/pricing" --metric visitors --limit 5 --json',
    ],
    why: 'views_per_visit is the one metric a page filter refuses.',
  },
  {
    question: 'Which goals does the site have, and how well does each convert over the last 30 days?',
    commands: [
      'plausible goals list --site shop.example.com --json',
      'plausible stats breakdown --site shop.example.com --period 30d --dimension event:goal --metric visitors --metric conversion_rate --json',
    ],
    why: 'conversion_rate needs event:goal.',
  },
]
