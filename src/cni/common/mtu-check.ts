/** The MTU check every encapsulating CNI needs: what is left for pods after the overhead. */
import { PLAN_RULES } from '../../plan/rules';
import type { IssueCollector } from '../../spec/issues';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { minimumPodMtu } from './mtu';

/** Reports `spec.nodes.mtu` when pods would get less than the family minimum after `overhead` bytes of `what`. */
export function checkPodMtu(n: ResolvedClusterNetwork, overhead: number, what: string, issues: IssueCollector): void {
  const min = minimumPodMtu(n.spec.ipFamilies);
  const mtu = n.spec.nodes.mtu;
  if (overhead > 0 && mtu - overhead < min) {
    issues.report(PLAN_RULES.podMtuTooSmall, 'spec.nodes.mtu', { mtu, left: mtu - overhead, what, overhead, needed: min + overhead, min });
  }
}
