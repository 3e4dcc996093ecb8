/** Process entry of the `cdk8s-cni` binary. */
import * as nodeModule from 'node:module';

// Node ≥ 22.1 caches the compiled code of every module loaded after this call on disk, which cuts the start-up of later
// runs; earlier Node versions do not have it (and run as before). So the CLI is required only after it.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
(require('./preload') as typeof import('./preload')).trimStartup();
const { runCli } = require('./run') as typeof import('./run');

// A reader that stops early (`cdk8s-cni schema | head -1`) closes the pipe: that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
}

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
});
