/** The MTU check every encapsulating CNI needs: what is left for pods after the overhead. */
import type { IssueCollector } from '../../spec/issues';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { minimumPodMtu } from './mtu';

/** Reports `spec.nodes.mtu` when pods would get less than the family minimum after `overhead` bytes of `what`. */
export function checkPodMtu(n: ResolvedClusterNetwork, overhead: number, what: string, issues: IssueCollector): void {
  const min = minimumPodMtu(n.spec.ipFamilies);
  const mtu = n.spec.nodes.mtu;
  if (overhead > 0 && mtu - overhead < min) {
    issues.add('spec.nodes.mtu', `${mtu} leaves ${mtu - overhead} for pods after ${what} overhead of ${overhead} bytes (allowed: at least ${min + overhead}, so pods get ${min})`);
  }
}
