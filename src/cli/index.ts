// Entry of the `plausible` executable (out/main/cli.js): plain Node, or the app's binary with ELECTRON_RUN_AS_NODE=1.
// Start-up is most of what a short command costs, so this file stays small: it turns on Node's compile
// cache, answers --version by itself, and loads the command tree only for everything else; each command's
// action (and the core it needs) loads when that command runs.
import { enableCompileCache } from './compile-cache'
import { ignoreClosedPipe } from './stdout-pipe'
import { versionText, isVersionRequest } from './version'

enableCompileCache()
ignoreClosedPipe(process.stdout)
ignoreClosedPipe(process.stderr)

const argv = process.argv.slice(2)
if (isVersionRequest(argv)) {
  process.stdout.write(`${versionText()}\n`)
} else {
  void Promise.all([import('./context'), import('./program')])
    .then(([{ createCliContext }, { runCli }]) => runCli(createCliContext(__dirname), argv))
    .then((code) => {
      process.exitCode = code
    })
}
