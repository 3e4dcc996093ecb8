/**
 * Node-to-node firewall data for a network: the traffic its CNI needs between nodes (from each CNI's
 * `nodeTraffic`), normalized and de-duplicated, plus the two facts clouds act on (native routing, kube-proxy
 * replacement). Plain data: the Pulumi stacks turn it into EKS security-group rules, AKS NSG rules and kubeadm VM
 * security groups.
 */
import type { NodeTrafficRule } from '../cni/common/cni-module';
import { cniModuleFor } from '../cni/registry';
import type { ResolvedClusterNetwork } from '../spec/resolve';

/** A {@link NodeTrafficRule} with `toPort` filled in (equal to `fromPort` for single ports). */
export interface NodeFirewallRule extends NodeTrafficRule {
  readonly toPort?: number;
}

/** What a firewall between the nodes of a cluster must allow for its CNI. */
export interface NodeFirewall {
  /** Node-to-node traffic the CNI needs, sorted by protocol then port, without duplicates. */
  readonly rules: readonly NodeFirewallRule[];
  /** Pods are routed natively between nodes: cloud VMs must not drop traffic for addresses they do not own. */
  readonly routesNatively: boolean;
  /** The CNI replaces kube-proxy (kubeadm skips its kube-proxy phase; EKS gets no kube-proxy add-on). */
  readonly replacesKubeProxy: boolean;
}

function ruleKey(r: NodeFirewallRule): string {
  return `${r.protocol}/${r.fromPort ?? ''}-${r.toPort ?? ''}`;
}

/** Orders rules by protocol, then first port: tcp and udp before numbered IP protocols. */
function compareRules(a: NodeFirewallRule, b: NodeFirewallRule): number {
  if (a.protocol !== b.protocol) return a.protocol < b.protocol ? -1 : 1;
  return (a.fromPort ?? -1) - (b.fromPort ?? -1) || (a.toPort ?? -1) - (b.toPort ?? -1);
}

/** The node-to-node rules of the network's CNI, normalized (see {@link NodeFirewall.rules}). */
export function nodeTrafficRules(network: ResolvedClusterNetwork): NodeFirewallRule[] {
  const raw = cniModuleFor(network.spec.cni.type).nodeTraffic(network);
  const byKey = new Map<string, NodeFirewallRule>();
  for (const r of raw) {
    const rule: NodeFirewallRule = r.fromPort === undefined ? { protocol: r.protocol, description: r.description } : { protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort ?? r.fromPort, description: r.description };
    const key = ruleKey(rule);
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...seen, description: `${seen.description}; ${rule.description}` } : rule);
  }
  return [...byKey.values()].sort(compareRules);
}

/** Everything a node firewall needs to know about the network's CNI. */
export function nodeFirewall(network: ResolvedClusterNetwork): NodeFirewall {
  const module = cniModuleFor(network.spec.cni.type);
  return {
    rules: nodeTrafficRules(network),
    routesNatively: module.routesNatively?.(network) ?? false,
    replacesKubeProxy: module.replacesKubeProxy?.(network) ?? false,
  };
}

/** The ports of a rule as `8472` or `6783-6784`; undefined for a rule without ports (a whole IP protocol). */
export function rulePorts(rule: { readonly fromPort?: number; readonly toPort?: number }): string | undefined {
  if (rule.fromPort === undefined) return undefined;
  return rule.toPort !== undefined && rule.toPort !== rule.fromPort ? `${rule.fromPort}-${rule.toPort}` : String(rule.fromPort);
}

/** Renders a rule as `udp/8472`, `tcp/6783-6784` or `proto 4` for logs, docs and NSG rule names. */
export function describeRule(rule: NodeFirewallRule): string {
  const ports = rulePorts(rule);
  return ports === undefined ? `proto ${rule.protocol}` : `${rule.protocol}/${ports}`;
}
