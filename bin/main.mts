// The composition root: the one module that knows both the engine (src/) and
// the rules (rules/), and hands the rule registry to the CLI, which passes it
// on to the pipeline and the language server. The bundle starts here.
import { REGISTRY } from '../rules/index.js';
import { main as runCli, processIo, type Io } from '../src/cli/main.js';

export { processIo };

/** Runs droplint with `argv` (without the node and script paths) and returns the exit status. */
export function main(argv: readonly string[], io: Io): Promise<number> {
  return runCli(argv, io, REGISTRY);
}
