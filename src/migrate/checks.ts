/** What makes a migration unsafe in place (see ./rules): checked before any runbook is written. */
import { Cidr } from '../plan/cidr';
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
  const [fromFam, toFam] = [from.spec.ipFamilies.join(','), to.spec.ipFamilies.join(',')];
  if (fromFam !== toFam) issues.push(issueOf(MIGRATE_RULES.ipFamiliesChanged, 'to.spec.ipFamilies', { from: fromFam, to: toFam }));
  return issues;
}
