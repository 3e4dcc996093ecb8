/** Checks on `spec.ipFamilies` that several CNIs share. */
import { PLAN_RULES } from '../../plan/rules';
import type { IssueCollector } from '../../spec/issues';
import type { ResolvedClusterNetwork } from '../../spec/resolve';

/**
 * Reports `spec.ipFamilies` unless it is `[IPv4]`, for a CNI this release supports on IPv4 only. Returns true when
 * the network is IPv4-only (so the CNI's further checks may assume it).
 */
export function requireIPv4Only(n: ResolvedClusterNetwork, cniType: string, issues: IssueCollector): boolean {
  const fam = n.spec.ipFamilies;
  if (fam.length === 1 && fam[0] === 'IPv4') return true;
  issues.report(PLAN_RULES.ipv4OnlyCni, 'spec.ipFamilies', { families: fam.join(', '), cni: cniType });
  return false;
}
