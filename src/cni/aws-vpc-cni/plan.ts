/** AWS VPC CNI capacity from a spec: IPAM settings, per-type limits, pod subnets, subnet shares and the plan sections. */
import { awsHeadroom, awsNodeAddressUse, awsSubnetCapacity, awsSubnetNeed, maxNodesWithin, type AwsIpamSettings, type AwsNodeAddressUse } from '../../plan/aws-capacity';
import { maxPods, resolveLimits, type InstanceNetworkLimits, type MaxPodsOptions } from '../../plan/aws-max-pods';
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
    podEni: c.podENI,
  };
}

/** True for an IPv6 cluster (`ENABLE_IPv6`): pods take addresses from a /80 on each node's primary ENI. */
export function awsIpv6(n: AwsVpcCniNetwork): boolean {
  return n.spec.ipFamilies[0] === 'IPv6';
}

/**
 * Max pods of a type under the spec's settings (recommended cap unless `cap` is false). Security groups for pods keep
 * a trunk ENI slot only in IPv4 mode; in IPv6 addresses never limit max pods.
 */
export function awsMaxPods(n: AwsVpcCniNetwork, limits: InstanceNetworkLimits, overrides: Partial<MaxPodsOptions> = {}): number {
  const s = awsIpamSettings(n);
  const ipv6 = awsIpv6(n);
  return maxPods({ limits, prefixDelegation: s.prefixDelegation, customNetworking: s.customNetworking, maxEni: s.maxEni, podEni: s.podEni && !ipv6, ipv6, ...overrides });
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
  /** The least the share takes (see `awsSubnetNeed`); above `capacity` the subnet certainly runs out. */
  readonly needed: bigint;
  readonly headroom: bigint;
  /** With prefix delegation: every single address spoiling a /28 (assuming nothing else uses the subnet). */
  readonly worstCase: bigint;
  readonly worstCaseHeadroom: bigint;
  /** Nodes the cluster can have with every subnet keeping up: subnets × min over subnets of what each holds. */
  readonly maxNodesInAll: number;
  /** The same, with the worst case per node. */
  readonly maxNodesInAllWorstCase: number;
}

/**
 * Spreads `spec.nodes.maxCount` evenly over the pod subnets (one per zone, as node groups balance zones) and computes
 * each subnet's need for the instance type that uses the most addresses per node. Empty for IPv6 (one /80 per node
 * out of a /64 subnet never runs out).
 */
export function awsSubnetShares(n: AwsVpcCniNetwork): AwsSubnetShare[] {
  const uses = awsNodeUses(n);
  if (uses.length === 0 || awsIpv6(n)) return [];
  const prefixDelegation = n.spec.cni.prefixDelegation.enabled;
  const subnets = awsPodSubnets(n);
  const share = Math.ceil(n.spec.nodes.maxCount / subnets.length);
  const worstOf = (pick: 'needed' | 'worstCase') => uses.reduce((a, b) => (awsSubnetNeed(b.use, share, prefixDelegation)[pick] > awsSubnetNeed(a.use, share, prefixDelegation)[pick] ? b : a));
  const worst = worstOf('needed');
  const worstScattered = worstOf('worstCase');
  const caps = subnets.map((sn) => awsSubnetCapacity(sn.cidr, prefixDelegation));
  const holds = (use: AwsNodeAddressUse, pick: 'needed' | 'worstCase') =>
    Math.min(...caps.map((c) => maxNodesWithin(c, (k) => awsSubnetNeed(use, k, prefixDelegation)[pick]))) * subnets.length;
  return subnets.map((sn, i) => {
    const h = awsHeadroom(worst.use, share, caps[i], prefixDelegation);
    const w = awsSubnetNeed(worstScattered.use, share, prefixDelegation).worstCase;
    return {
      ...sn,
      subnets: subnets.length,
      nodes: share,
      type: worst.type,
      perNode: worst.use.addresses,
      capacity: caps[i],
      needed: h.needed,
      headroom: h.headroom,
      worstCase: w,
      worstCaseHeadroom: caps[i] - w,
      maxNodesInAll: holds(worst.use, 'needed'),
      maxNodesInAllWorstCase: holds(worstScattered.use, 'worstCase'),
    };
  });
}

export function modeLabel(n: AwsVpcCniNetwork): string {
  const c = n.spec.cni;
  if (awsIpv6(n)) return ['IPv6 (a /80 prefix per node on the primary ENI)', ...(c.podENI ? ['security groups for pods'] : [])].join(', ');
  return [
    c.prefixDelegation.enabled ? 'prefix delegation (/28 per slot)' : 'secondary IPs',
    ...(c.customNetworking.enabled ? ['custom networking'] : []),
    ...(c.podENI ? ['security groups for pods (one ENI slot kept for the trunk ENI)'] : []),
  ].join(', ');
}

export function maxPodsSection(n: AwsVpcCniNetwork): string {
  const s = awsIpamSettings(n);
  const ipv6 = awsIpv6(n);
  const rows = nodeTypeLimits(n).map(({ type, limits }) => {
    if (!limits) return `| ${type} | ? | ? | ? | ? | ? | ? | ? |`;
    const thisMax = awsMaxPods(n, limits);
    const raw = awsMaxPods(n, limits, { cap: false });
    const secondary = ipv6 ? 'n/a' : awsMaxPods(n, limits, { prefixDelegation: false });
    const prefix = ipv6 || limits.nitro ? awsMaxPods(n, limits, { prefixDelegation: true }) : 'n/a (falls back to secondary IPs)';
    return `| ${type} | ${limits.enis} | ${limits.ipv4PerEni} | ${limits.vcpus} | ${limits.nitro ? 'yes' : 'no'} | ${secondary} | ${prefix} | **${thisMax}** (${Number.isFinite(raw) ? `formula ${raw}` : 'addresses unlimited'}) |`;
  });
  const enis = `min(MAX_ENI, ENIs)${s.customNetworking ? ' − 1 (custom networking)' : ''}${s.podEni ? ' − 1 (trunk ENI)' : ''}`;
  const formula = ipv6
    ? 'IPv6: pods take addresses from a /80 on the primary ENI, so only the recommended cap applies: vCPUs ≤ 30 ? 110 : 250.'
    : `Formula (amazon-eks-ami max-pods-calculator${s.podEni ? '; the trunk ENI slot from ipamd hasRoomForEni' : ''}): enis = ${enis}; secondary IPs: enis × (IPs − 1) + 2; prefix delegation: enis × (IPs − 1) × 16 + 2 (non-Nitro types fall back to secondary IPs); recommended: min(max, vCPUs ≤ 30 ? 110 : 250).`;
  return [
    '## Max pods per instance type',
    '',
    `Mode: ${modeLabel(n)}. ${formula}`,
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
  if (awsIpv6(n)) {
    return ['## Subnet headroom', '', 'IPv6: each node takes one /80 prefix from its /64 subnet (65,536 per subnet), so pod addresses do not run out.'].join('\n');
  }
  const subnets = awsPodSubnets(n);
  const capacity = subnets.reduce((sum, sn) => sum + awsSubnetCapacity(sn.cidr, s.prefixDelegation), 0n);
  const pd = s.prefixDelegation;
  const rows = awsNodeUses(n).map(({ type, use }) => {
    const h = awsHeadroom(use, n.spec.nodes.maxCount, capacity, pd);
    const pods = use.addressedPods < use.pods ? `${use.pods} (${use.addressedPods} addressed)` : `${use.pods}`;
    const worst = pd ? ` | ${fmt(h.worstCase)} | ${fmt(h.worstCaseHeadroom)}` : '';
    return `| ${type} | ${pods} | ${use.enis} | ${use.addresses} | ${fmt(h.needed)} | ${fmt(h.headroom)}${worst} | ${fmt(h.maxNodes)} |`;
  });
  const offers = pd
    ? 'whole /28 blocks: size − 32 each. "Needed" packs the single addresses (ENI primaries) together; "worst case" puts each in a /28 of its own, assuming nothing else uses the pod subnets — a subnet CIDR reservation of type prefix keeps the /28s whole'
    : 'size − 5 reserved each';
  return [
    '## Subnet headroom',
    '',
    `Pod subnets: ${subnets.map((x) => `${x.cidr} (${x.path})`).join(', ')}; they offer ${fmt(capacity)} addresses (${offers}). Nodes planned: ${n.spec.nodes.count}, ceiling ${n.spec.nodes.maxCount}.`,
    '',
    `| Instance type | Pods per node | ENIs | Addresses per node | Needed at ${n.spec.nodes.maxCount} nodes | Headroom${pd ? ' | Worst case | Worst-case headroom' : ''} | Max nodes |`,
    `|---|---|---|---|---|---|${pd ? '---|---|' : ''}---|`,
    ...rows,
    '',
    'Per pod subnet, nodes spread evenly over the subnets (one per zone), for the type that uses the most addresses:',
    '',
    `| Pod subnet | Offers | Nodes (share) | Instance type | Needed | Headroom${pd ? ' | Worst case | Worst-case headroom' : ''} |`,
    `|---|---|---|---|---|---|${pd ? '---|---|' : ''}`,
    ...awsSubnetShares(n).map(
      (sh) => `| ${sh.cidr} | ${fmt(sh.capacity)} | ${sh.nodes} | ${sh.type} | ${fmt(sh.needed)} | ${fmt(sh.headroom)}${pd ? ` | ${fmt(sh.worstCase)} | ${fmt(sh.worstCaseHeadroom)}` : ''} |`,
    ),
  ].join('\n');
}
