/**
 * Node firewall rules for the clouds, from the spec's firewall data (`nodeFirewall` in src/reports/firewall.ts): what the
 * CNI needs between nodes, plus the pod traffic that native routing / underlay addressing puts on the wire unwrapped.
 */
import { nodeFirewall, rulePorts, type NodeFirewallRule } from '../src/reports/firewall';
import { cniModuleFor } from '../src/cni/registry';
import type { ResolvedClusterNetwork } from '../src/spec/resolve';

/** A rule between nodes: from other nodes (`source: nodes`) or from pod addresses (`source: pods`). */
export interface NodeRule {
  readonly source: 'nodes' | 'pods';
  /** `tcp`, `udp`, an IP protocol number, or `-1` for all traffic. */
  readonly protocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly description: string;
}

/** Kubernetes itself between nodes: the kubelet API (logs, exec, metrics). */
export const KUBELET_RULE: NodeRule = { source: 'nodes', protocol: 'tcp', fromPort: 10250, toPort: 10250, description: 'kubelet API' };

function fromCni(r: NodeFirewallRule): NodeRule {
  return { source: 'nodes', protocol: r.protocol, fromPort: r.fromPort, toPort: r.toPort, description: r.description };
}

/**
 * Every node-to-node rule of the network: the CNI's rules, the kubelet, and — when pod packets travel between nodes
 * unencapsulated — all traffic from the pod ranges (native routing: the source is a pod address no firewall group
 * contains) or from the nodes themselves (underlay addressing: pods hold node-interface addresses).
 */
export function nodeRules(network: ResolvedClusterNetwork): NodeRule[] {
  const fw = nodeFirewall(network);
  const rules: NodeRule[] = [...fw.rules.map(fromCni), KUBELET_RULE];
  const addressing = cniModuleFor(network.spec.cni.type).podAddressing(network);
  if (addressing === 'underlay') rules.push({ source: 'nodes', protocol: '-1', description: 'pod traffic (pods hold node interface addresses)' });
  else if (fw.routesNatively) rules.push({ source: 'pods', protocol: '-1', description: 'pod traffic (natively routed pod addresses)' });
  return rules;
}

/** True when the nodes forward packets for addresses they do not own (EC2 source/destination check must be off). */
export function needsSourceDestCheckOff(network: ResolvedClusterNetwork): boolean {
  const addressing = cniModuleFor(network.spec.cni.type).podAddressing(network);
  return addressing !== 'underlay' && nodeFirewall(network).routesNatively;
}

/** Short stable identifier for a rule, used in resource names (`udp-8472`, `tcp-6783-6784`, `proto-4`, `all`). */
export function ruleSlug(r: NodeRule): string {
  if (r.protocol === '-1') return `${r.source === 'pods' ? 'pods-' : ''}all`;
  const ports = rulePorts(r);
  return ports === undefined ? `proto-${r.protocol}` : `${r.protocol}-${ports}`;
}
