// --workflows FILE of `plausible track` and `events import --from cli-events`: which command paths make
// which workflow (a JSON list of {"workflow","steps"}), else the built-in deploy, test and build.
import { WorkflowRules } from '../shared/cli-analytics/cli-events'
import { defaultWorkflowRules, type WorkflowRule } from '../shared/cli-analytics/sessions'
import { PlausibleError } from '../shared/errors'
import { readInputFile } from './input-file'

const hint =
  'Give --workflows a JSON file such as [{"workflow":"release","steps":["build","test","publish"]}]: each command path (a prefix of whole words) names its workflow, the last step finishes it.'

export async function readWorkflowRules(path: string | undefined): Promise<readonly WorkflowRule[]> {
  if (path === undefined) return defaultWorkflowRules
  const text = await readInputFile(path, hint)
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new PlausibleError('USAGE', { message: `${path} is not JSON: ${(error as Error).message}.`, hint })
  }
  const parsed = WorkflowRules.safeParse(value)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new PlausibleError('USAGE', {
      message: `${path}: ${issue.path.join('.') || 'the list'}: ${issue.message}.`,
      hint,
    })
  }
  return parsed.data
}
