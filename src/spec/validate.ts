/**
 * The one validation entry point: shape (zod) → derived defaults → common IP plan → the CNI's own checks.
 * Every layer reports into one collector, so a user sees all problems of a spec in one run.
 */
import { cniModuleFor } from '../cni/registry';
import { checkCommonPlan } from '../plan/ip-plan';
import { checkOverrides } from '../overrides/checks';
import { checkRenderedOverrides, hasOverrides } from '../overrides/rendered';
import { checkLabels } from './labels';
import { IssueCollector, SpecValidationError, type SpecIssue } from './issues';
import { resolveDefaults, type ResolvedClusterNetwork } from './resolve';
import { specSchemas } from './schemas';
import { toSpecIssues } from './shape-errors';

/**
 * The outcome of validation. `issues` are the errors (empty when ok); `warnings` are what rules of severity `warning`
 * found, printed as `warning: path: message` — they never stop synthesis.
 */
export type ValidationResult =
  | { readonly ok: true; readonly network: ResolvedClusterNetwork; readonly issues: readonly []; readonly warnings: readonly SpecIssue[] }
  | { readonly ok: false; readonly issues: readonly SpecIssue[]; readonly warnings: readonly SpecIssue[] };

/** Validates a ClusterNetwork document (parsed YAML, a TS object, Pulumi config) and resolves its defaults. */
export function validateClusterNetwork(input: unknown): ValidationResult {
  const parsed = specSchemas().clusterNetworkSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: toSpecIssues(parsed.error), warnings: [] };
  const issues = new IssueCollector();
  checkLabels(parsed.data.metadata.labels, issues);
  const module = cniModuleFor(parsed.data.spec.cni.type);
  // The CNI's defaults read the spec with the generic defaults filled in; then the spec is resolved with them.
  const generic = resolveDefaults(parsed.data);
  const network = resolveDefaults(parsed.data, {
    maxPerNode: module.defaultMaxPerNode?.(generic),
    serviceCidrs: module.defaultServiceCidrs?.(generic),
    mtu: module.defaultUnderlayMtu?.(generic),
  });
  checkCommonPlan(network, module.podAddressing(network), issues, module.underlayRanges?.(network));
  // CNI checks read parsed CIDRs; run them only when the common ranges are sound, so errors are not repeated.
  if (issues.ok) module.validate(network, issues);
  // Multus's module (its constructs and checks) loads only for a spec that has Multus
  if (network.spec.multus) (require('../cni/multus/module') as typeof import('../cni/multus/module')).validateMultus(network.spec.multus, issues, network.spec);
  if (!issues.ok) return { ok: false, issues: issues.issues, warnings: issues.warnings };
  // overrides address rendered objects: the (otherwise valid) network is rendered and they are applied
  if (network.spec.overrides) checkOverrides(network.spec.overrides, 'spec.overrides', issues);
  VALIDATED.set(network, JSON.stringify(network));
  if (hasOverrides(network.spec.overrides)) checkRenderedOverrides(network, issues);
  if (!issues.ok) {
    VALIDATED.delete(network);
    return { ok: false, issues: issues.issues, warnings: issues.warnings };
  }
  WARNINGS.set(network, issues.warnings);
  return { ok: true, network, issues: [], warnings: issues.warnings };
}

/**
 * Networks this module produced, with their JSON at that moment. The CLI validates a spec, then hands the resolved
 * network to the chart; the chart then trusts it instead of validating it again — but only if it is unchanged
 * (comparing the JSON costs a small fraction of a validation, and a network edited after validation is re-checked).
 */
const VALIDATED = new WeakMap<object, string>();
const WARNINGS = new WeakMap<object, readonly SpecIssue[]>();


/** The warnings of a valid network: those found when it was validated, or found now. */
export function warningsOf(network: ResolvedClusterNetwork): readonly SpecIssue[] {
  if (alreadyValidated(network)) return WARNINGS.get(network) ?? [];
  return validateClusterNetwork(network).warnings;
}

function alreadyValidated(input: unknown): input is ResolvedClusterNetwork {
  if (typeof input !== 'object' || input === null) return false;
  const json = VALIDATED.get(input);
  return json !== undefined && json === JSON.stringify(input);
}

/** Like {@link validateClusterNetwork} but throws a {@link SpecValidationError} listing every problem. */
export function resolveClusterNetwork(input: unknown): ResolvedClusterNetwork {
  if (alreadyValidated(input)) return input;
  const r = validateClusterNetwork(input);
  if (!r.ok) throw new SpecValidationError(r.issues);
  return r.network;
}
