/**
 * `cdk8s-cni` (SPEC.md "CLI"): one file per command under commands/. `runCli` is side-effect free apart from the
 * files synth writes and the streams it is given, so tests call it in-process. Exit codes: 0 ok, 1 invalid spec,
 * 2 usage error; every failure is `path: message` or `file:line:col: message` lines, never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { formatIssue, SpecValidationError } from '../spec/issues';
import { DEFAULT_MAX_INPUT_BYTES, type LoadOptions } from '../spec/load';
import { registerAksNetworkProfile } from './commands/aks-network-profile';
import { registerCalicoNodeConfig } from './commands/calico-node-config';
import { registerEksAddonValues } from './commands/eks-addon-values';
import { registerKubeadmConfig } from './commands/kubeadm-config';
import { registerMigrate } from './commands/migrate';
import { registerPlan } from './commands/plan';
import { registerSchema } from './commands/schema';
import { registerSynth } from './commands/synth';
import { registerTeardown } from './commands/teardown';
import { registerValidate } from './commands/validate';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, InvalidSpec, type CliContext, type CliIo } from './context';

export { EXIT_INVALID, EXIT_OK, EXIT_USAGE, type CliIo } from './context';

/** Every command, in the order `--help` lists them. A new command is a file in commands/ and a line here. */
const COMMANDS: readonly ((program: Command, ctx: CliContext) => void)[] = [registerSynth, registerValidate, registerPlan, registerKubeadmConfig, registerTeardown, registerMigrate, registerSchema, registerEksAddonValues, registerAksNetworkProfile, registerCalicoNodeConfig];

/** This package's version, from its package.json (two levels up from src/cli, three from lib/src/cli). */
function packageVersion(): string {
  for (const up of ['../..', '../../..']) {
    try {
      const pkg = JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cdk8s-cni' && pkg.version) return pkg.version;
    } catch {
      // not there: try the next level
    }
  }
  return 'unknown';
}

function byteCount(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('expected a positive whole number of bytes');
  return n;
}

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo): number {
  let code = EXIT_OK;
  let active: LoadOptions = {};
  const ctx: CliContext = { io, loadOptions: () => active, setExitCode: (c) => (code = c) };
  const program = new Command('cdk8s-cni')
    .description('Typed, validated Kubernetes cluster networking: ClusterNetwork spec -> CNI manifests')
    .version(packageVersion(), '-V, --version', 'print the cdk8s-cni version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError(false);
  for (const register of COMMANDS) register(program, ctx);
  // every command that reads a spec file takes the input limit
  for (const cmd of program.commands) {
    if (cmd.registeredArguments.some((a) => a.name() === 'spec')) {
      cmd.addOption(new Option('--max-input-bytes <bytes>', 'largest spec file accepted (raise it for generated specs)').argParser(byteCount).default(DEFAULT_MAX_INPUT_BYTES, '1 MiB'));
    }
  }
  program.hook('preAction', (_program, action) => {
    const { maxInputBytes } = action.opts<{ maxInputBytes?: number }>();
    active = maxInputBytes ? { maxInputBytes } : {};
  });

  try {
    program.parse([...argv], { from: 'user' });
    if (argv.length === 0) {
      io.stderr(program.helpInformation());
      code = EXIT_USAGE;
    }
  } catch (e) {
    if (e instanceof InvalidSpec || e instanceof SpecValidationError) {
      for (const issue of e.issues) io.stderr(`${formatIssue(issue)}\n`);
      code = EXIT_INVALID;
    } else if (e instanceof CommanderError) {
      code = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    } else if (process.env.CDK8S_CNI_DEBUG) {
      throw e;
    } else {
      io.stderr(`error: ${(e as Error)?.message ?? String(e)} (an internal error: please report it with the spec; CDK8S_CNI_DEBUG=1 shows the stack trace)\n`);
      code = EXIT_USAGE;
    }
  }
  return code;
}
