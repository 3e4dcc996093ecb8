/** Process entry of the `cdk8s-cni` binary. */
import { runCli } from './run';

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
