/** What makes a migration unsafe in place (see ./rules): checked before any runbook is written. */
import { Cidr } from '../plan/cidr';
import { cniModuleFor } from '../cni/registry';
import { issueOf, type SpecIssue } from '../spec/issues';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { MIGRATE_RULES } from './rules';

/** CNIs the cloud installs and owns (the EKS add-on, the AKS networkProfile). */
export const CLOUD_MANAGED_CNIS: ReadonlySet<string> = new Set(['aws-vpc-cni', 'azure-cni']);

/** Canonical form of a CIDR list (so `10.96.0.0/12` and `10.96.0.1/12` compare equal as ranges). */
export function canonicalCidrs(cidrs: readonly string[]): string {
  return cidrs
    .map((c) => {
      const parsed = Cidr.parse(c);
      return typeof parsed === 'string' ? c : parsed.toString();
    })
    .join(',');
}

/** Where a CNI's overlay port is set in its spec (the path a clash is reported at; other CNIs' ports are fixed). */
const TUNNEL_PORT_PATHS: Readonly<Record<string, string>> = { cilium: 'spec.cni.tunnelPort', antrea: 'spec.cni.tunnelPort', flannel: 'spec.cni.vxlan.port' };

/** The UDP ports a network's overlay (VXLAN, Geneve, Weave's data path) listens on, from its node traffic rules. */
function overlayUdpPorts(n: ResolvedClusterNetwork): number[] {
  return cniModuleFor(n.spec.cni.type)
    .nodeTraffic(n as never)
    .filter((r) => r.protocol === 'udp' && r.fromPort !== undefined && /overlay|VXLAN|Geneve/.test(r.description))
    .flatMap((r) => Array.from({ length: (r.toPort ?? r.fromPort!) - r.fromPort! + 1 }, (_, i) => r.fromPort! + i));
}

/** Every reason the migration from `from` to `to` cannot be done in place; empty when it can. */
export function migrationIssues(from: ResolvedClusterNetwork, to: ResolvedClusterNetwork): SpecIssue[] {
  const issues: SpecIssue[] = [];
  for (const [side, n] of [['from', from], ['to', to]] as const) {
    if (CLOUD_MANAGED_CNIS.has(n.spec.cni.type)) {
      issues.push(issueOf(MIGRATE_RULES.managedCloudCni, `${side}.spec.cni.type`, { type: n.spec.cni.type, side: side === 'from' ? 'old' : 'new' }));
    }
  }
  if (from.spec.cni.type === to.spec.cni.type) issues.push(issueOf(MIGRATE_RULES.sameCni, 'to.spec.cni.type', { type: to.spec.cni.type }));
  const [fromSvc, toSvc] = [canonicalCidrs(from.spec.services.cidrs), canonicalCidrs(to.spec.services.cidrs)];
  if (fromSvc !== toSvc) issues.push(issueOf(MIGRATE_RULES.serviceRangeChanged, 'to.spec.services.cidrs', { from: fromSvc, to: toSvc }));
  const [fromPods, toPods] = [canonicalCidrs(from.spec.pods.cidrs), canonicalCidrs(to.spec.pods.cidrs)];
  if (fromPods !== toPods && cniModuleFor(to.spec.cni.type).podAddressing(to as never) === 'node-cidr') {
    issues.push(issueOf(MIGRATE_RULES.podRangeNodeCidr, 'to.spec.pods.cidrs', { from: fromPods, to: toPods, type: to.spec.cni.type }));
  }
  const clash = overlayUdpPorts(to).find((port) => overlayUdpPorts(from).includes(port));
  if (clash !== undefined) {
    const path = `to.${TUNNEL_PORT_PATHS[to.spec.cni.type] ?? 'spec.cni.type'}`;
    issues.push(issueOf(MIGRATE_RULES.tunnelPortClash, path, { port: clash, from: from.spec.cni.type, to: to.spec.cni.type }));
  }
  const [fromFam, toFam] = [from.spec.ipFamilies.join(','), to.spec.ipFamilies.join(',')];
  if (fromFam !== toFam) issues.push(issueOf(MIGRATE_RULES.ipFamiliesChanged, 'to.spec.ipFamilies', { from: fromFam, to: toFam }));
  return issues;
}
