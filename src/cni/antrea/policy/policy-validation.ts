/** Checks Antrea's admission webhook and CRD schema apply to ACNP / ANNP (pkg/controller/networkpolicy/validate.go). */
import type { AntreaPolicySpec } from './types';

/** Policy priority range of the CRD schema (`minimum: 1.0`, `maximum: 10000.0`). */
export const POLICY_PRIORITY = { min: 1, max: 10000 } as const;

/** Problems with a policy spec, each `path: what (allowed: …)`. */
export function policyProblems(spec: AntreaPolicySpec): string[] {
  const out: string[] = [];
  if (!(spec.priority >= POLICY_PRIORITY.min && spec.priority <= POLICY_PRIORITY.max)) {
    out.push(`spec.priority: ${spec.priority} is outside the CRD range (allowed: ${POLICY_PRIORITY.min}.0 to ${POLICY_PRIORITY.max}.0)`);
  }
  const rules = [...(spec.ingress ?? []).map((r, i) => ({ r, path: `spec.ingress[${i}]` })), ...(spec.egress ?? []).map((r, i) => ({ r, path: `spec.egress[${i}]` }))];
  const names = new Map<string, string>();
  for (const { r, path } of rules) {
    if (r.name === undefined) continue;
    const first = names.get(r.name);
    if (first) out.push(`${path}.name: ${r.name} is also the name of ${first} ("rules names must be unique within the policy") (allowed: unique rule names)`);
    else names.set(r.name, path);
  }
  // validateAppliedTo: spec xor rules, and then every rule.
  const inSpec = (spec.appliedTo ?? []).length > 0;
  const withAppliedTo = rules.filter(({ r }) => (r.appliedTo ?? []).length > 0);
  if (inSpec && withAppliedTo.length > 0) {
    out.push(`${withAppliedTo[0].path}.appliedTo: set together with spec.appliedTo ("appliedTo should not be set in both spec and rules") (allowed: one of the two)`);
  } else if (!inSpec && withAppliedTo.length === 0) {
    out.push('spec.appliedTo: is empty and no rule sets appliedTo ("appliedTo needs to be set in either spec or rules") (allowed: spec.appliedTo, or appliedTo on every rule)');
  } else if (withAppliedTo.length > 0 && withAppliedTo.length !== rules.length) {
    const missing = rules.find(({ r }) => (r.appliedTo ?? []).length === 0);
    out.push(`${missing?.path}.appliedTo: missing while other rules set it ("appliedTo field should either be set in all rules or in none of them") (allowed: appliedTo on every rule)`);
  }
  for (const { r, path } of rules) {
    (r.ports ?? []).forEach((p, i) => {
      if (p.endPort !== undefined && (typeof p.port !== 'number' || p.endPort < p.port)) {
        out.push(`${path}.ports[${i}].endPort: ${p.endPort} needs a numeric port not above it (allowed: port <= endPort)`);
      }
    });
  }
  return out;
}
