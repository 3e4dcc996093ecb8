/** Checks Cilium applies when it imports a policy, done at synth time so a bad policy never reaches the cluster. */
import { Cidr } from '../../plan/cidr';
import { IssueCollector } from '../../spec/issues';
import type { CiliumPolicyRules, CidrRule, DnsRule, EgressRule, IngressRule, PortRule } from './policy-types';

type Direction = 'ingress' | 'egress' | 'ingressDeny' | 'egressDeny';

function checkCidrs(list: readonly string[] | undefined, base: string, issues: IssueCollector): void {
  list?.forEach((text, i) => {
    const c = Cidr.parse(text);
    if (typeof c === 'string') issues.add(`${base}[${i}]`, c);
  });
}

function checkCidrSet(list: readonly CidrRule[] | undefined, base: string, issues: IssueCollector): void {
  list?.forEach((r, i) => {
    const c = Cidr.parse(r.cidr);
    if (typeof c === 'string') return issues.add(`${base}[${i}].cidr`, c);
    r.except?.forEach((e, j) => {
      const x = Cidr.parse(e);
      if (typeof x === 'string') issues.add(`${base}[${i}].except[${j}]`, x);
      else if (!c.contains(x)) issues.add(`${base}[${i}].except[${j}]`, `${e} is not inside ${r.cidr} (allowed: holes inside the CIDR)`);
    });
  });
}

function checkDns(list: readonly DnsRule[] | undefined, base: string, issues: IssueCollector): void {
  list?.forEach((r, i) => {
    const n = (r.matchName ? 1 : 0) + (r.matchPattern ? 1 : 0);
    if (n !== 1) issues.add(`${base}[${i}]`, `has ${n === 0 ? 'neither' : 'both'} matchName and matchPattern (allowed: exactly one)`);
  });
}

/** L7 kind of a port rule, reporting a port rule that mixes kinds. */
function l7Kind(pr: PortRule, path: string, issues: IssueCollector): 'http' | 'dns' | undefined {
  const kinds = (['http', 'dns'] as const).filter((k) => pr.rules?.[k] !== undefined);
  if (kinds.length > 1) {
    issues.add(`${path}.rules`, `mixes L7 rule kinds ${kinds.join(' and ')} on one port; Cilium rejects different L7 parsers on the same port (allowed: one kind per port)`);
    return undefined;
  }
  return kinds[0];
}

function checkPorts(list: readonly PortRule[] | undefined, base: string, dir: Direction, seen: Map<string, { kind: string; path: string }>, issues: IssueCollector): void {
  list?.forEach((pr, i) => {
    const path = `${base}[${i}]`;
    if (pr.ports.length === 0) issues.add(`${path}.ports`, 'is empty (allowed: at least one port)');
    pr.ports.forEach((pp, j) => {
      if (typeof pp.port === 'number' && (!Number.isInteger(pp.port) || pp.port < 0 || pp.port > 65535)) issues.add(`${path}.ports[${j}].port`, `${pp.port} is not a port (allowed: 0-65535 or a named port)`);
      if (pp.endPort !== undefined && typeof pp.port === 'number' && pp.endPort < pp.port) issues.add(`${path}.ports[${j}].endPort`, `${pp.endPort} is below port ${pp.port} (allowed: at least ${pp.port})`);
    });
    const kind = l7Kind(pr, path, issues);
    if (!kind) return;
    if (dir.endsWith('Deny')) return issues.add(`${path}.rules`, `L7 rules in a ${dir} rule (allowed: L7 rules only in allow rules; Cilium denies at L3/L4)`);
    if (kind === 'dns' && dir !== 'egress') return issues.add(`${path}.rules.dns`, 'DNS rules on ingress (allowed: DNS rules only in egress rules, where the DNS proxy sees the queries)');
    if (kind === 'http' && pr.ports.some((pp) => pp.protocol === 'UDP' || pp.protocol === 'SCTP')) issues.add(`${path}.rules.http`, 'HTTP rules on a UDP/SCTP port (allowed: TCP or ANY)');
    if (kind === 'dns') checkDns(pr.rules?.dns, `${path}.rules.dns`, issues);
    for (const pp of pr.ports) {
      for (const proto of pp.protocol && pp.protocol !== 'ANY' ? [pp.protocol] : ['TCP', 'UDP', 'SCTP']) {
        const key = `${dir}/${pp.port}/${proto}`;
        const prev = seen.get(key);
        if (prev && prev.kind !== kind) {
          issues.add(`${path}.rules`, `${kind} rules on port ${pp.port}/${proto} conflict with ${prev.kind} rules at ${prev.path}; Cilium rejects different L7 rule kinds on one port (allowed: one kind per port)`);
        } else if (!prev) seen.set(key, { kind, path: `${path}.rules` });
      }
    }
  });
}

/** Every problem in a policy body, with paths from `spec`. */
export function validatePolicyRules(spec: CiliumPolicyRules, issues: IssueCollector = new IssueCollector()): IssueCollector {
  const seen = new Map<string, { kind: string; path: string }>();
  const ing = (rules: readonly IngressRule[] | undefined, dir: Direction) =>
    rules?.forEach((r, i) => {
      const base = `spec.${dir}[${i}]`;
      checkCidrs(r.fromCIDR, `${base}.fromCIDR`, issues);
      checkCidrSet(r.fromCIDRSet, `${base}.fromCIDRSet`, issues);
      checkPorts(r.toPorts, `${base}.toPorts`, dir, seen, issues);
    });
  const eg = (rules: readonly EgressRule[] | undefined, dir: Direction) =>
    rules?.forEach((r, i) => {
      const base = `spec.${dir}[${i}]`;
      checkCidrs(r.toCIDR, `${base}.toCIDR`, issues);
      checkCidrSet(r.toCIDRSet, `${base}.toCIDRSet`, issues);
      checkDns(r.toFQDNs, `${base}.toFQDNs`, issues);
      checkPorts(r.toPorts, `${base}.toPorts`, dir, seen, issues);
    });
  ing(spec.ingress, 'ingress');
  ing(spec.ingressDeny, 'ingressDeny');
  eg(spec.egress, 'egress');
  eg(spec.egressDeny, 'egressDeny');
  return issues;
}
