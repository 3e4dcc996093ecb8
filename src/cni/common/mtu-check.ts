/** The MTU check every encapsulating CNI needs: what is left for pods after the overhead. */
import type { IssueCollector } from '../../spec/issues';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { podMtuRule, podMtuShortfall } from './mtu';

/** Reports `spec.nodes.mtu` when pods would get less than the family minimum after `overhead` bytes of `what`. */
export function checkPodMtu(n: ResolvedClusterNetwork, overhead: number, what: string, issues: IssueCollector): void {
  const shortfall = podMtuShortfall(n, overhead, what);
  if (shortfall) issues.report(podMtuRule(n), 'spec.nodes.mtu', shortfall);
}
