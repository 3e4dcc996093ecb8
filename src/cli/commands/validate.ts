/** `cdk8s-cni validate`: every problem of a spec, as `path: message` lines or as JSON data. */
import { Option, type Command } from 'commander';
import { cniModuleFor } from '../../cni/registry';
import type { SpecIssue } from '../../spec/issues';
import { loadSpecFile } from '../../spec/load';
import { validateClusterNetwork } from '../../spec/validate';
import { specWarnings } from '../../spec/warnings';
import { DEFAULT_SPEC, EXIT_INVALID, InvalidSpec, type CliContext } from '../context';

/** The `--format json` report: the same issues as the text output, as data. */
export interface ValidateReport {
  readonly file: string;
  readonly valid: boolean;
  readonly errors: readonly SpecIssue[];
  readonly warnings: readonly SpecIssue[];
}

function report(file: string, opts: Parameters<typeof loadSpecFile>[1]): ValidateReport {
  const loaded = loadSpecFile(file, opts);
  if (!loaded.ok) return { file, valid: false, errors: loaded.issues, warnings: [] };
  const r = validateClusterNetwork(loaded.value);
  return { file, valid: r.ok, errors: r.issues, warnings: r.warnings };
}

export function registerValidate(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('check the spec and report every problem, one per line')
    .argument('[spec]', 'ClusterNetwork YAML file', DEFAULT_SPEC)
    .addOption(new Option('--format <format>', 'text lines, or json: {file, valid, errors, warnings}').choices(['text', 'json']).default('text'))
    .action((spec: string, opts: { format: 'text' | 'json' }) => {
      if (opts.format === 'json') {
        const r = report(spec, ctx.loadOptions());
        ctx.io.stdout(`${JSON.stringify(r, null, 2)}\n`);
        if (!r.valid) ctx.setExitCode(EXIT_INVALID);
        return;
      }
      const loaded = loadSpecFile(spec, ctx.loadOptions());
      if (!loaded.ok) throw new InvalidSpec(loaded.issues);
      const r = validateClusterNetwork(loaded.value);
      if (!r.ok) throw new InvalidSpec(r.issues);
      for (const w of specWarnings(r.network)) ctx.io.stderr(`warning: ${w}\n`);
      ctx.io.stdout(`${spec}: valid (${r.network.metadata.name}, ${cniModuleFor(r.network.spec.cni.type).displayName(r.network)})\n`);
    });
}
