/** The AWS VPC CNI as a `spec.cni` type: spec → props, capacity checks (max pods, subnet headroom), plan sections. */
import type { IssueCollector } from '../../spec/issues';
import { Cidr, smallestPrefixFor } from '../../plan/cidr';
import { awsHeadroom, awsNodeAddressUse, awsSubnetCapacity, type AwsIpamSettings, type AwsNodeAddressUse } from '../../plan/aws-capacity';
import type { CniModule } from '../common/cni-module';
import { VERSIONS } from '../common/versions';
import { AwsVpcCni } from './aws-vpc-cni';
import { maxPods, resolveLimits, type InstanceNetworkLimits } from './max-pods';
import { awsEniConfigs, awsVpcCniSettings, type AwsVpcCniNetwork } from './settings';
import type { ResolvedAwsVpcCni } from './spec';

const ZONE_LABELS = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']);
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;
const SG_ID = /^sg-[0-9a-f]{8,17}$/;
const fmt = (n: bigint | number) => n.toLocaleString('en-US');

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

function validateCustomNetworking(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  const cn = n.spec.cni.customNetworking;
  const base = 'spec.cni.customNetworking';
  if (!cn.enabled) {
    if (cn.eniConfigs.length > 0) issues.add(`${base}.eniConfigs`, `${cn.eniConfigs.length} ENIConfig(s) are set but custom networking is off (allowed: only with ${base}.enabled true)`);
    return;
  }
  if (cn.eniConfigs.length === 0) {
    issues.add(`${base}.eniConfigs`, 'is empty but custom networking is on (allowed: one ENIConfig per availability zone the nodes run in)');
  }
  const names = new Map<string, number>();
  // Common checks passed before CNI checks run, so every range here parses.
  const vpc = (n.spec.nodes.cidrs ?? []).map((t) => Cidr.of(t));
  const pods = n.spec.pods.cidrs.map((t) => Cidr.of(t));
  cn.eniConfigs.forEach((e, i) => {
    const p = `${base}.eniConfigs[${i}]`;
    const first = names.get(e.name);
    if (first !== undefined) issues.add(`${p}.name`, `${e.name} repeats ${base}.eniConfigs[${first}].name (allowed: one ENIConfig per name)`);
    else names.set(e.name, i);
    if (!SUBNET_ID.test(e.subnet)) issues.add(`${p}.subnet`, `${JSON.stringify(e.subnet)} is not a subnet ID (allowed: subnet- followed by 8 or 17 hex digits)`);
    (e.securityGroups ?? []).forEach((sg, j) => {
      if (!SG_ID.test(sg)) issues.add(`${p}.securityGroups[${j}]`, `${JSON.stringify(sg)} is not a security group ID (allowed: sg- followed by 8 or 17 hex digits)`);
    });
    if (e.cidr === undefined) return;
    const c = Cidr.parse(e.cidr);
    if (typeof c === 'string') return issues.add(`${p}.cidr`, c);
    if (c.hasHostBits) return issues.add(`${p}.cidr`, `${e.cidr} has host bits set (canonical form: ${c})`);
    if (!vpc.some((v) => v.contains(c))) {
      issues.add(`${p}.cidr`, `${c} is not inside the VPC ranges spec.nodes.cidrs [${vpc.map((v) => v.toString()).join(', ')}] (allowed: a subnet of the VPC, e.g. of its secondary CIDR)`);
    } else if (!pods.some((pc) => pc.contains(c))) {
      issues.add(`${p}.cidr`, `${c} is not inside spec.pods.cidrs [${pods.join(', ')}] (allowed: pod subnets inside the pod ranges)`);
    }
  });
  if (!ZONE_LABELS.has(cn.eniConfigLabelDef)) return;
  const zones = n.spec.cni.availabilityZones;
  if (!zones) {
    issues.add('spec.cni.availabilityZones', `is required with custom networking and eniConfigLabelDef ${cn.eniConfigLabelDef} (allowed: the zones the nodes run in; each needs an ENIConfig named after it)`);
    return;
  }
  zones.forEach((z, i) => {
    if (!names.has(z)) {
      issues.add(`spec.cni.availabilityZones[${i}]`, `zone ${z} has no ENIConfig, so pods on its nodes get no addresses (allowed: zones with an entry in ${base}.eniConfigs named ${z}; have: [${[...names.keys()].join(', ')}])`);
    }
  });
}

function validateCapacity(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  const c = n.spec.cni;
  const s = awsIpamSettings(n);
  const known: Array<{ type: string; limits: InstanceNetworkLimits }> = [];
  for (const t of nodeTypeLimits(n)) {
    const path = `spec.cni.nodeInstanceTypes[${t.index}]`;
    if (!t.limits) {
      issues.add(path, `${t.type} is not in the library's instance table (allowed: a type such as m5.large, or its limits in spec.cni.instanceLimits["${t.type}"]: {enis, ipv4PerEni, vcpus, nitro})`);
      continue;
    }
    if (c.prefixDelegation.enabled && !t.limits.nitro) {
      issues.add(path, `${t.type} is not a Nitro instance type and prefix delegation needs Nitro (allowed: Nitro types such as m5.large, or spec.cni.prefixDelegation.enabled false)`);
      continue;
    }
    known.push({ type: t.type, limits: t.limits });
  }
  if (!issues.ok || known.length === 0) return;
  const mp = known.map((k) => ({ ...k, max: maxPods({ limits: k.limits, prefixDelegation: s.prefixDelegation, customNetworking: s.customNetworking, maxEni: s.maxEni }) }));
  const lowest = mp.reduce((a, b) => (b.max < a.max ? b : a));
  if (n.spec.pods.maxPerNode > lowest.max) {
    const mode = [s.prefixDelegation ? 'prefix delegation' : 'secondary IPs', ...(s.customNetworking ? ['custom networking'] : [])].join(', ');
    issues.add(
      'spec.pods.maxPerNode',
      `${n.spec.pods.maxPerNode} is above the ${lowest.max} pods a ${lowest.type} node can address (${lowest.limits.enis} ENIs × ${lowest.limits.ipv4PerEni} IPv4 each, ${mode}) (allowed: at most ${lowest.max})`,
    );
    return;
  }
  for (const sh of awsSubnetShares(n)) {
    if (sh.headroom >= 0n) continue;
    const prefix = smallestPrefixFor('IPv4', sh.needed + (s.prefixDelegation ? 32n : 5n));
    const spread = sh.subnets > 1 ? `its share of the nodes (${sh.nodes} of spec.nodes.maxCount ${n.spec.nodes.maxCount}, spread over ${sh.subnets} pod subnets)` : `spec.nodes.maxCount ${sh.nodes} nodes`;
    issues.add(
      sh.path,
      `${sh.cidr} offers ${fmt(sh.capacity)} addresses but ${spread} × ${sh.perNode} addresses per ${sh.type} node need ${fmt(sh.needed)} (allowed: /${prefix} or larger, or at most ${fmt(sh.maxNodesInAll)} nodes in all)`,
    );
  }
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

function validateAws(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  const fam = n.spec.ipFamilies;
  if (fam.length !== 1 || fam[0] !== 'IPv4') {
    issues.add('spec.ipFamilies', `[${fam.join(', ')}] is not supported for aws-vpc-cni by this release (allowed: [IPv4])`);
    return;
  }
  (n.spec.cni.excludeSnatCIDRs ?? []).forEach((t, i) => {
    const c = Cidr.parse(t);
    if (typeof c === 'string') issues.add(`spec.cni.excludeSnatCIDRs[${i}]`, c);
  });
  validateCustomNetworking(n, issues);
  if (issues.ok) validateCapacity(n, issues);
}

function modeLabel(n: AwsVpcCniNetwork): string {
  const c = n.spec.cni;
  return [c.prefixDelegation.enabled ? 'prefix delegation (/28 per slot)' : 'secondary IPs', ...(c.customNetworking.enabled ? ['custom networking'] : [])].join(', ');
}

function maxPodsSection(n: AwsVpcCniNetwork): string {
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

function headroomSection(n: AwsVpcCniNetwork): string {
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

/**
 * Without an explicit `spec.pods.maxPerNode`, kubelet max pods follows the CNI: the lowest max pods among
 * `nodeInstanceTypes` (what EKS's max-pods calculator would set). Undefined when a type is unknown or unsuitable;
 * validation then reports that type.
 */
function defaultMaxPerNode(n: AwsVpcCniNetwork): number | undefined {
  const s = awsIpamSettings(n);
  const all = nodeTypeLimits(n);
  if (all.length === 0 || all.some((t) => !t.limits || (s.prefixDelegation && !t.limits.nitro))) return undefined;
  return Math.min(...all.map((t) => maxPods({ limits: t.limits!, prefixDelegation: s.prefixDelegation, customNetworking: s.customNetworking, maxEni: s.maxEni })));
}

export const awsVpcCniModule: CniModule<ResolvedAwsVpcCni> = {
  defaultMaxPerNode,
  type: 'aws-vpc-cni',
  displayName: (n: AwsVpcCniNetwork) => `Amazon VPC CNI ${n.spec.cni.version ?? VERSIONS['aws-vpc-cni'].version}`,
  podAddressing: () => 'underlay',
  podMtu: (n: AwsVpcCniNetwork) => n.spec.nodes.mtu,
  validate: validateAws,
  build(scope, n: AwsVpcCniNetwork, ctx) {
    const c = n.spec.cni;
    new AwsVpcCni(scope, 'aws-vpc-cni', {
      ...awsVpcCniSettings(n),
      eniConfigs: awsEniConfigs(n),
      nodeAgent: c.networkPolicy.enabled,
      policyEndpointCrds: c.networkPolicy.enabled,
      version: c.version,
      imageRegistry: c.imageRegistry,
      crdScope: ctx.crdScope(),
      argoSyncWaves: ctx.argoSyncWaves,
    });
  },
  planRows: (n: AwsVpcCniNetwork) => [
    { label: 'AWS VPC CNI mode', value: modeLabel(n) },
    { label: 'Node instance types', value: n.spec.cni.nodeInstanceTypes.join(', ') },
  ],
  planSections: (n: AwsVpcCniNetwork) => [maxPodsSection(n), headroomSection(n)],
  // Pods are VPC addresses on the node ENIs: no encapsulation and no agent-to-agent ports; the network policy agent
  // enforces locally with eBPF. The VPC routes pod traffic.
  nodeTraffic: () => [],
  routesNatively: () => true,
  warnings: (n: AwsVpcCniNetwork) =>
    n.spec.cni.prefixDelegation.enabled
      ? ['aws-vpc-cni: prefix delegation must be on before node groups are created; nodes launched earlier keep the secondary-IP max pods (e.g. 29 on m5.large). Set the vpc-cni add-on before compute.']
      : [],
};
