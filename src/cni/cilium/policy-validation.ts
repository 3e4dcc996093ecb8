/** Checks Cilium applies when it imports a policy, done at synth time so a bad policy never reaches the cluster. */
import { Cidr } from '../../plan/cidr';
import { IssueCollector } from '../../spec/issues';
import type { CiliumPolicyRules, CidrRule, DnsRule, EgressRule, IngressRule, PortRule } from './policy-types';
import { CILIUM_POLICY_RULES as P } from './rules';

type Direction = 'ingress' | 'egress' | 'ingressDeny' | 'egressDeny';

function checkCidrs(list: readonly string[] | undefined, base: string, issues: IssueCollector): void {
  list?.forEach((text, i) => {
    const c = Cidr.parse(text);
    if (typeof c === 'string') issues.report(P.cidrInvalid, `${base}[${i}]`, { problem: c });
  });
}

function checkCidrSet(list: readonly CidrRule[] | undefined, base: string, issues: IssueCollector): void {
  list?.forEach((r, i) => {
    const c = Cidr.parse(r.cidr);
    if (typeof c === 'string') return issues.report(P.cidrInvalid, `${base}[${i}].cidr`, { problem: c });
    r.except?.forEach((e, j) => {
      const x = Cidr.parse(e);
      if (typeof x === 'string') issues.report(P.cidrInvalid, `${base}[${i}].except[${j}]`, { problem: x });
      else if (!c.contains(x)) issues.report(P.exceptOutside, `${base}[${i}].except[${j}]`, { except: e, cidr: r.cidr });
    });
  });
}

function checkDns(list: readonly DnsRule[] | undefined, base: string, issues: IssueCollector): void {
  list?.forEach((r, i) => {
    const n = (r.matchName ? 1 : 0) + (r.matchPattern ? 1 : 0);
    if (n !== 1) issues.report(P.dnsMatch, `${base}[${i}]`, { has: n === 0 ? 'neither' : 'both' });
  });
}

/** L7 kind of a port rule, reporting a port rule that mixes kinds. */
function l7Kind(pr: PortRule, path: string, issues: IssueCollector): 'http' | 'dns' | undefined {
  const kinds = (['http', 'dns'] as const).filter((k) => pr.rules?.[k] !== undefined);
  if (kinds.length > 1) {
    issues.report(P.l7Mixed, `${path}.rules`, { detail: `mixes L7 rule kinds ${kinds.join(' and ')} on one port` });
    return undefined;
  }
  return kinds[0];
}

function checkPorts(list: readonly PortRule[] | undefined, base: string, dir: Direction, seen: Map<string, { kind: string; path: string }>, issues: IssueCollector): void {
  list?.forEach((pr, i) => {
    const path = `${base}[${i}]`;
    if (pr.ports.length === 0) issues.report(P.portsEmpty, `${path}.ports`, {});
    pr.ports.forEach((pp, j) => {
      if (typeof pp.port === 'number' && (!Number.isInteger(pp.port) || pp.port < 0 || pp.port > 65535)) issues.report(P.portRange, `${path}.ports[${j}].port`, { problem: `${pp.port} is not a port (allowed: 0-65535 or a named port)` });
      if (pp.endPort !== undefined && typeof pp.port === 'number' && pp.endPort < pp.port) issues.report(P.portRange, `${path}.ports[${j}].endPort`, { problem: `${pp.endPort} is below port ${pp.port} (allowed: at least ${pp.port})` });
    });
    const kind = l7Kind(pr, path, issues);
    if (!kind) return;
    if (dir.endsWith('Deny')) return issues.report(P.l7InDeny, `${path}.rules`, { direction: dir });
    if (kind === 'dns' && dir !== 'egress') return issues.report(P.dnsOnIngress, `${path}.rules.dns`, {});
    if (kind === 'http' && pr.ports.some((pp) => pp.protocol === 'UDP' || pp.protocol === 'SCTP')) issues.report(P.httpNotTcp, `${path}.rules.http`, {});
    if (kind === 'dns') checkDns(pr.rules?.dns, `${path}.rules.dns`, issues);
    for (const pp of pr.ports) {
      for (const proto of pp.protocol && pp.protocol !== 'ANY' ? [pp.protocol] : ['TCP', 'UDP', 'SCTP']) {
        const key = `${dir}/${pp.port}/${proto}`;
        const prev = seen.get(key);
        if (prev && prev.kind !== kind) {
          issues.report(P.l7Mixed, `${path}.rules`, { detail: `${kind} rules on port ${pp.port}/${proto} conflict with ${prev.kind} rules at ${prev.path}` });
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
