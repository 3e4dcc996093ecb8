/**
 * The rule-case harness. Each area lists, in `test/rules/cases/<area>.ts`, at least one case per rule: a spec (or any
 * input) the rule refuses or warns about, and a nearby one it accepts. `catalogue.test.ts` runs them all and fails
 * for a rule without a case.
 */
import type { SpecIssue } from '../../src/spec/issues';
import { validateClusterNetwork } from '../../src/spec/validate';

/** One rule's proof: `refuses` must report the rule, `accepts` must not. */
export interface RuleCase {
  /** The rule id, e.g. `aws-vpc-cni/reserved-veth-prefix`. */
  readonly rule: string;
  /** What the case shows, for the test name. */
  readonly name: string;
  /** Issues (errors and warnings) of an input the rule reports. */
  readonly refuses: () => readonly SpecIssue[];
  /** Issues of a nearby input the rule does not report. */
  readonly accepts: () => readonly SpecIssue[];
}

/** Every error and warning validation reports for `doc`. */
export function specIssues(doc: unknown): readonly SpecIssue[] {
  const r = validateClusterNetwork(doc);
  return [...r.issues, ...r.warnings];
}

type Json = Record<string, unknown>;

function merge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch) || base === null || typeof base !== 'object' || Array.isArray(base)) return patch;
  const out: Json = { ...(base as Json) };
  for (const [k, v] of Object.entries(patch as Json)) {
    if (v === undefined) delete out[k];
    else out[k] = merge(out[k], v);
  }
  return out;
}

/**
 * A ClusterNetwork document: a minimal valid Flannel spec with `spec` deep-merged over it (objects merge, lists and
 * scalars replace, `undefined` deletes a field).
 */
export function specWith(spec: Json): Json {
  return merge(
    {
      apiVersion: 'cdk8s-cni.dev/v1alpha1',
      kind: 'ClusterNetwork',
      metadata: { name: 'rules' },
      spec: { pods: { cidrs: ['10.244.0.0/16'] }, services: { cidrs: ['10.96.0.0/12'] }, nodes: { count: 3 }, cni: { type: 'flannel' } },
    },
    { spec },
  ) as Json;
}

/** A case where both sides are spec documents (the usual shape). */
export function specCase(rule: string, name: string, refuses: Json, accepts: Json): RuleCase {
  return { rule, name, refuses: () => specIssues(refuses), accepts: () => specIssues(accepts) };
}
