// Entry of the `plausible` executable (out/main/cli.js): plain Node, or the app's binary with ELECTRON_RUN_AS_NODE=1.
// Start-up is most of what a short command costs, so this file stays small: it turns on Node's compile
// cache, answers --version by itself, and loads the command tree only for everything else; each command's
// action (and the core it needs) loads when that command runs. (version.ts is imported, not bundled in:
// the command tree shares it, and a chunk that required this entry back would run the CLI again.)
import { enableCompileCache } from './compile-cache'
import { ignoreClosedPipesOnceUsed } from './stdout-pipe'

enableCompileCache()
ignoreClosedPipesOnceUsed()

const argv = process.argv.slice(2)
void import('./version').then(async ({ isVersionRequest, versionText }) => {
  if (isVersionRequest(argv)) return void process.stdout.write(`${versionText()}\n`)
  // Before the command tree and the core are compiled: they are what the code cache keeps.
  ;(await import('./code-cache-setup')).useCodeCache(argv, __dirname)
  const [{ createCliContext }, { runCli }] = await Promise.all([import('./context'), import('./program')])
  process.exitCode = await runCli(createCliContext(__dirname), argv)
})
