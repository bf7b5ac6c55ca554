// Entry of the `plausible` executable (out/main/cli.js): plain Node, or the app's binary with ELECTRON_RUN_AS_NODE=1.
import { createCliContext } from './context'
import { runCli } from './program'
import { ignoreClosedPipe } from './stdout-pipe'

ignoreClosedPipe(process.stdout)
ignoreClosedPipe(process.stderr)

void runCli(createCliContext(), process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
