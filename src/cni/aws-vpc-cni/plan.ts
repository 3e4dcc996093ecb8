/** AWS VPC CNI capacity from a spec: IPAM settings, per-type limits, pod subnets, subnet shares and the plan sections. */
import { awsHeadroom, awsNodeAddressUse, awsSubnetCapacity, type AwsIpamSettings, type AwsNodeAddressUse } from '../../plan/aws-capacity';
import { maxPods, resolveLimits, type InstanceNetworkLimits } from '../../plan/aws-max-pods';
import { Cidr } from '../../plan/cidr';
import { fmt } from '../common/format';
import type { AwsVpcCniNetwork } from './settings';

/** Limits of each `nodeInstanceTypes` entry: user-supplied `instanceLimits` first, then the library's table. */
export function nodeTypeLimits(n: AwsVpcCniNetwork): Array<{ type: string; index: number; limits?: InstanceNetworkLimits }> {
  const c = n.spec.cni;
  return c.nodeInstanceTypes.map((type, index) => ({ type, index, limits: resolveLimits({ instanceType: type, limits: c.instanceLimits?.[type] }) }));
}

export function awsIpamSettings(n: AwsVpcCniNetwork): AwsIpamSettings {
  const c = n.spec.cni;
  return {
    prefixDelegation: c.prefixDelegation.enabled,
    customNetworking: c.customNetworking.enabled,
    warmEniTarget: c.warmENITarget,
    warmPrefixTarget: c.prefixDelegation.warmPrefixTarget,
    warmIpTarget: c.warmIPTarget,
    minimumIpTarget: c.minimumIPTarget,
    maxEni: c.maxENI,
  };
}

/** The ranges pods take addresses from: the ENIConfig subnets when every one states its CIDR, else spec.pods.cidrs. */
export function awsPodSubnets(n: AwsVpcCniNetwork): Array<{ path: string; cidr: Cidr }> {
  const cn = n.spec.cni.customNetworking;
  if (cn.enabled && cn.eniConfigs.length > 0 && cn.eniConfigs.every((e) => e.cidr !== undefined)) {
    return cn.eniConfigs.map((e, i) => ({ path: `spec.cni.customNetworking.eniConfigs[${i}].cidr`, cidr: Cidr.of(e.cidr as string) }));
  }
  return n.spec.pods.cidrs.map((t, i) => ({ path: `spec.pods.cidrs[${i}]`, cidr: Cidr.of(t) }));
}

/** Per-node subnet use of every known node type, and the largest (the one the headroom must hold for). */
export function awsNodeUses(n: AwsVpcCniNetwork): Array<{ type: string; use: AwsNodeAddressUse }> {
  const s = awsIpamSettings(n);
  return nodeTypeLimits(n).flatMap((t) => (t.limits ? [{ type: t.type, use: awsNodeAddressUse(t.limits, n.spec.pods.maxPerNode, s) }] : []));
}

/** One pod subnet's share of the nodes and what they need, for the type that uses the most addresses per node. */
export interface AwsSubnetShare {
  readonly path: string;
  readonly cidr: Cidr;
  /** Pod subnets the nodes are spread over. */
  readonly subnets: number;
  /** This subnet's share: ceil(spec.nodes.maxCount / subnets). */
  readonly nodes: number;
  readonly type: string;
  readonly perNode: number;
  readonly capacity: bigint;
  readonly needed: bigint;
  readonly headroom: bigint;
  /** Nodes the cluster can have with every subnet keeping up: subnets × min over subnets of (capacity ÷ perNode). */
  readonly maxNodesInAll: bigint;
}

/**
 * Spreads `spec.nodes.maxCount` evenly over the pod subnets (one per zone, as node groups balance zones) and computes
 * each subnet's need for the instance type that uses the most addresses per node.
 */
export function awsSubnetShares(n: AwsVpcCniNetwork): AwsSubnetShare[] {
  const uses = awsNodeUses(n);
  if (uses.length === 0) return [];
  const worst = uses.reduce((a, b) => (b.use.addresses > a.use.addresses ? b : a));
  const prefixDelegation = n.spec.cni.prefixDelegation.enabled;
  const subnets = awsPodSubnets(n);
  const share = Math.ceil(n.spec.nodes.maxCount / subnets.length);
  const per = worst.use.addresses;
  const caps = subnets.map((sn) => awsSubnetCapacity(sn.cidr, prefixDelegation));
  const minNodes = caps.reduce((m, c) => (c / BigInt(per) < m ? c / BigInt(per) : m), caps[0] / BigInt(per));
  return subnets.map((sn, i) => {
    const h = awsHeadroom(per, share, caps[i]);
    return { ...sn, subnets: subnets.length, nodes: share, type: worst.type, perNode: per, capacity: caps[i], needed: h.needed, headroom: h.headroom, maxNodesInAll: minNodes * BigInt(subnets.length) };
  });
}

export function modeLabel(n: AwsVpcCniNetwork): string {
  const c = n.spec.cni;
  return [c.prefixDelegation.enabled ? 'prefix delegation (/28 per slot)' : 'secondary IPs', ...(c.customNetworking.enabled ? ['custom networking'] : [])].join(', ');
}

export function maxPodsSection(n: AwsVpcCniNetwork): string {
  const s = awsIpamSettings(n);
  const rows = nodeTypeLimits(n).map(({ type, limits }) => {
    if (!limits) return `| ${type} | ? | ? | ? | ? | ? | ? | ? |`;
    const calc = (prefixDelegation: boolean, customNetworking: boolean, cap = true) => maxPods({ limits, prefixDelegation, customNetworking, maxEni: s.maxEni, cap });
    const thisMax = calc(s.prefixDelegation, s.customNetworking);
    const raw = calc(s.prefixDelegation, s.customNetworking, false);
    return `| ${type} | ${limits.enis} | ${limits.ipv4PerEni} | ${limits.vcpus} | ${limits.nitro ? 'yes' : 'no'} | ${calc(false, s.customNetworking)} | ${limits.nitro ? calc(true, s.customNetworking) : 'n/a'} | **${thisMax}** (formula ${raw}) |`;
  });
  return [
    '## Max pods per instance type',
    '',
    `Mode: ${modeLabel(n)}. Formula (amazon-eks-ami max-pods-calculator): enis = min(MAX_ENI, ENIs)${s.customNetworking ? ' − 1' : ''}; secondary IPs: enis × (IPs − 1) + 2; prefix delegation: enis × (IPs − 1) × 16 + 2; recommended: min(max, vCPUs ≤ 30 ? 110 : 250).`,
    '',
    '| Instance type | ENIs | IPv4 per ENI | vCPUs | Nitro | Secondary IPs | Prefix delegation | This spec |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `kubelet maxPods (spec.pods.maxPerNode): ${n.spec.pods.maxPerNode}`,
  ].join('\n');
}

export function headroomSection(n: AwsVpcCniNetwork): string {
  const s = awsIpamSettings(n);
  const subnets = awsPodSubnets(n);
  const capacity = subnets.reduce((sum, sn) => sum + awsSubnetCapacity(sn.cidr, s.prefixDelegation), 0n);
  const rows = awsNodeUses(n).map(({ type, use }) => {
    const h = awsHeadroom(use.addresses, n.spec.nodes.maxCount, capacity);
    return `| ${type} | ${use.pods} | ${use.enis} | ${use.addresses} | ${fmt(h.needed)} | ${fmt(h.headroom)} | ${fmt(h.maxNodes)} |`;
  });
  return [
    '## Subnet headroom',
    '',
    `Pod subnets: ${subnets.map((x) => `${x.cidr} (${x.path})`).join(', ')}; they offer ${fmt(capacity)} addresses (${s.prefixDelegation ? 'whole /28 blocks: size − 32 each' : 'size − 5 reserved each'}). Nodes planned: ${n.spec.nodes.count}, ceiling ${n.spec.nodes.maxCount}.`,
    '',
    `| Instance type | Pods per node | ENIs | Addresses per node | Needed at ${n.spec.nodes.maxCount} nodes | Headroom | Max nodes |`,
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'Per pod subnet, nodes spread evenly over the subnets (one per zone), for the type that uses the most addresses:',
    '',
    '| Pod subnet | Offers | Nodes (share) | Instance type | Needed | Headroom |',
    '|---|---|---|---|---|---|',
    ...awsSubnetShares(n).map((sh) => `| ${sh.cidr} | ${fmt(sh.capacity)} | ${sh.nodes} | ${sh.type} | ${fmt(sh.needed)} | ${fmt(sh.headroom)} |`),
  ].join('\n');
}
