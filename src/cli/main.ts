/** Process entry of the `cdk8s-cni` binary. */
import * as nodeModule from 'node:module';
import { runCli } from './run';

// Node ≥ 22.1 caches the compiled code of every loaded module on disk, which halves the start-up of later runs;
// earlier Node versions do not have it (and run as before).
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
