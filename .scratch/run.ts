import { runCli } from '../src/cli/run';
const code = runCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
process.exitCode = code;
