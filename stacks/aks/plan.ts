/**
 * The AKS cluster's pools from the network and the options, as plain data (no resources): the system pool and the user
 * pools, each with its autoscaler bounds. Checks and the component both use it, so what is checked is what is built.
 */
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import type { AksConfig } from '../options';

/** An agent pool to create. */
export interface AksPoolPlan {
  readonly name: string;
  readonly mode: 'System' | 'User';
  readonly vmSize: string;
  /** Nodes at creation. */
  readonly count: number;
  readonly minCount: number;
  readonly maxCount: number;
  /** True when the autoscaler manages the pool (maxCount above minCount). */
  readonly autoscale: boolean;
  readonly labels?: Record<string, string>;
  readonly taints?: readonly string[];
}

/**
 * The system pool (spec.nodes.count at creation; it may grow to what the user pools leave of spec.nodes.maxCount) and the
 * user pools as configured.
 */
export function aksPools(network: ResolvedClusterNetwork, aks: AksConfig): AksPoolPlan[] {
  const users = aks.userPools.map((p): AksPoolPlan => {
    const minCount = p.minCount ?? p.count;
    const maxCount = Math.max(p.maxCount ?? p.count, p.count);
    return { name: p.name, mode: 'User', vmSize: p.vmSize, count: p.count, minCount, maxCount, autoscale: maxCount > minCount, labels: p.labels, taints: p.taints };
  });
  const count = aks.systemPool.count ?? network.spec.nodes.count;
  const left = network.spec.nodes.maxCount - users.reduce((a, p) => a + p.maxCount, 0);
  const maxCount = aks.systemPool.maxCount ?? Math.max(count, left);
  return [{ name: 'system', mode: 'System', vmSize: aks.vmSize, count, minCount: count, maxCount, autoscale: maxCount > count }, ...users];
}
