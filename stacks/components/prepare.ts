/**
 * What every cluster component does before its first resource: parse the options (defaults, `path: message` errors),
 * validate the network, run the cluster kind's checks — and throw every error at once, registering nothing.
 */
import * as pulumi from '@pulumi/pulumi';
import type { z } from 'zod';
import { formatIssue, type SpecIssue } from '../../src/spec/issues';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import { toSpecIssues } from '../../src/spec/shape-errors';
import { validateClusterNetwork } from '../../src/spec/validate';
import { StackConfigError } from '../errors';

export interface Checked<C> {
  readonly network: ResolvedClusterNetwork;
  readonly cfg: C;
  /** Warnings of the spec and of the checks. */
  readonly warnings: readonly SpecIssue[];
}

/**
 * Parses `options` with `schema` (paths under `at`), validates `network`, and runs `checks`; throws a
 * {@link StackConfigError} naming `what` when anything is an error.
 */
export function checkedOptions<S extends z.ZodType>(
  what: string,
  at: string,
  network: unknown,
  options: unknown,
  schema: S,
  checks: (network: ResolvedClusterNetwork, cfg: z.output<S>) => readonly SpecIssue[],
): Checked<z.output<S>> {
  const parsed = schema.safeParse(options, { reportInput: true });
  const spec = validateClusterNetwork(network);
  const issues: SpecIssue[] = [
    ...(parsed.success ? [] : toSpecIssues(parsed.error).map((i) => ({ ...i, path: i.path === '(root)' ? at : `${at}.${i.path}` }))),
    ...spec.issues,
  ];
  if (!parsed.success || !spec.ok) throw new StackConfigError(issues, what);
  const found = checks(spec.network, parsed.data);
  const errors = found.filter((i) => i.severity !== 'warning');
  if (errors.length > 0) throw new StackConfigError(errors, what);
  return { network: spec.network, cfg: parsed.data, warnings: [...spec.warnings, ...found.filter((i) => i.severity === 'warning')] };
}

/** Prints warnings on the component, as `pulumi up` shows diagnostics: `warning: path: message`. */
export function logWarnings(warnings: readonly SpecIssue[], resource: pulumi.Resource): void {
  for (const w of warnings) void pulumi.log.warn(formatIssue(w), resource);
}
