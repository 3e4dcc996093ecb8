/**
 * What a cluster kind demands of the network beyond the spec's own validation, checked before any resource exists.
 * Paths point at the spec field to change, or at the stack config key.
 */
import { Cidr } from '../src/plan/cidr';
import { cniModuleFor } from '../src/cni/registry';
import type { SpecIssue } from '../src/spec/issues';
import type { ResolvedClusterNetwork } from '../src/spec/resolve';
import { resolvePools } from '../src/cni/calico/pools';
import { nodeFirewall } from '../src/reports/firewall';
import { splitEvenly, vpcSubnetLayout } from '../src/plan/subnets';
import { AKS_REJECTED_RANGES } from '../src/cni/azure-cni/module';
import { issueOf } from '../src/spec/issues';
import { CLUSTER_RULES as R, PLATFORM_RULES } from '../src/platforms/rules';
import { PROJECT } from './config-names';
import { eksZones, nodeGroupsFor, podSubnetCidrs, prefixReservations } from './eks/plan';
import { azureCniPlan, type AzureCniPlan } from './aks/azure-cni';
import { aksPools } from './aks/plan';
import type { AksConfig, EksConfig } from './options';
import { vpcCniPlan } from './eks/vpc-cni';
import { controlPlanePrivateIp } from './kubeadm/addresses';

/** AWS accepts VPC (and subnet) ranges from /16 to /28. */
function checkAwsVpcRange(network: ResolvedClusterNetwork, cluster: string): SpecIssue[] {
  const cidrs = network.spec.nodes.cidrs;
  if (!cidrs || cidrs.length === 0) return [issueOf(R.nodesCidrsRequired, 'spec.nodes.cidrs', { cluster, what: ': it is the VPC range', allowed: 'IPv4 CIDRs /16 to /28' })];
  return cidrs.flatMap((c, i) => {
    const cidr = Cidr.of(c);
    return cidr.family !== 'IPv4' || cidr.prefix < 16 || cidr.prefix > 28 ? [issueOf(R.awsVpcRange, `spec.nodes.cidrs[${i}]`, { cidr: c })] : [];
  });
}

function checkIpv4Only(network: ResolvedClusterNetwork, cluster: string): SpecIssue[] {
  const f = network.spec.ipFamilies;
  return f.length === 1 && f[0] === 'IPv4' ? [] : [issueOf(R.ipv4Only, 'spec.ipFamilies', { families: f.join(', '), cluster })];
}

/**
 * Managed clusters do not allocate per-node pod CIDRs to a bring-your-own CNI (EKS never runs the controller-manager
 * with --allocate-node-cidrs; AKS ignores podCidr with networkPlugin none), so CNIs that read `node.spec.podCIDR`
 * would never start.
 */
function checkNoNodeCidrs(network: ResolvedClusterNetwork, cluster: 'eks' | 'aks'): SpecIssue[] {
  const mod = cniModuleFor(network.spec.cni.type);
  if (mod.podAddressing(network) !== 'node-cidr') return [];
  return [issueOf(R.noNodeCidrs, 'spec.cni.type', { cni: mod.displayName(network), cluster })];
}

/**
 * A kube-proxy replacement must be told the API server address (Cilium `k8sServiceHost`), but a managed cluster's
 * endpoint exists only once the cluster does, after the spec was synthesized.
 */
function checkNoKubeProxyReplacement(network: ResolvedClusterNetwork, cluster: 'eks' | 'aks'): SpecIssue[] {
  const mod = cniModuleFor(network.spec.cni.type);
  if (!(mod.replacesKubeProxy?.(network) ?? false)) return [];
  return [issueOf(R.kubeProxyReplacement, mod.kubeProxyReplacementPath ?? 'spec.cni.kubeProxyReplacement', { cluster })];
}

/** EKS requires the service range inside RFC 1918 space, /12 to /24. */
function checkEksServiceRange(network: ResolvedClusterNetwork): SpecIssue[] {
  const c = Cidr.of(network.spec.services.cidrs[0]);
  const rfc1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((r) => Cidr.of(r));
  if (c.prefix >= 12 && c.prefix <= 24 && rfc1918.some((r) => r.contains(c))) return [];
  return [issueOf(R.eksServiceRange, 'spec.services.cidrs[0]', { cidr: c.toString() })];
}

/** What the EKS stack needs beyond the spec: zones, node subnets that cover VPC-native pods, planned instance types. */
/** AWS refuses subnets smaller than /28; it keeps 5 addresses of each. */
const AWS_MIN_SUBNET_PREFIX = 28;
const AWS_RESERVED_PER_SUBNET = 5n;

/**
 * The subnets the EKS stack lays out in spec.nodes.cidrs[0] (private and public, one each per zone), checked before
 * any resource: each at least /28, and the private subnets together able to hold spec.nodes.maxCount nodes.
 */
export function checkEksSubnetLayout(network: ResolvedClusterNetwork, zones: number, privateWithin: string | undefined): SpecIssue[] {
  const vpcCidr = network.spec.nodes.cidrs![0];
  let layout: ReturnType<typeof vpcSubnetLayout>;
  try {
    layout = vpcSubnetLayout(vpcCidr, zones, privateWithin);
  } catch (e) {
    return [issueOf(R.eksSubnetLayout, 'spec.nodes.cidrs[0]', { problem: `${(e as Error).message} (allowed: a larger range, or fewer zones)` })];
  }
  const issues: SpecIssue[] = [];
  for (const [kind, cidrs] of [['private', layout.private], ['public', layout.public]] as const) {
    const prefix = Cidr.of(cidrs[0]).prefix;
    if (prefix > AWS_MIN_SUBNET_PREFIX) {
      issues.push(issueOf(R.eksSubnetLayout, 'spec.nodes.cidrs[0]', { problem: `${vpcCidr} split for ${zones} zones gives ${kind} subnets of /${prefix}, smaller than AWS allows (allowed: subnets of /${AWS_MIN_SUBNET_PREFIX} or larger: a larger range, or fewer zones)` }));
    }
  }
  if (issues.length > 0) return issues;
  const perZone = BigInt(Math.ceil(network.spec.nodes.maxCount / zones));
  const usable = Cidr.of(layout.private[0]).size - AWS_RESERVED_PER_SUBNET;
  if (usable < perZone) {
    issues.push(issueOf(R.eksPrivateSubnetCapacity, 'spec.nodes.maxCount', { maxCount: network.spec.nodes.maxCount, zones, perZone, subnet: layout.private[0], usable }));
  }
  return issues;
}

/**
 * Everything the EKS cluster needs beyond the spec, errors and warnings (severity `warning`). `at` prefixes option paths:
 * `cdk8s-cni:eks` for the stack config, the component's name for a component.
 */
export function eksChecks(network: ResolvedClusterNetwork, eks: EksConfig, at = `${PROJECT}:eks`): SpecIssue[] {
  const ipv4 = checkIpv4Only(network, 'eks');
  const vpc = checkAwsVpcRange(network, 'eks');
  const plan = vpcCniPlan(network);
  const issues = [...ipv4, ...vpc, ...(plan ? [] : checkNoNodeCidrs(network, 'eks')), ...checkNoKubeProxyReplacement(network, 'eks'), ...(ipv4.length === 0 ? checkEksServiceRange(network) : [])];
  const zones = eksZones(network, eks);
  const cni = network.spec.cni;
  if (plan && cni.type === 'aws-vpc-cni' && !cni.nodeAgent) issues.push(issueOf(PLATFORM_RULES.eksAddonNodeAgent, 'spec.cni.nodeAgent', {}));
  if (!plan && cniModuleFor(cni.type).podAddressing(network) !== 'underlay') {
    issues.push(issueOf(PLATFORM_RULES.eksOverlayControlPlaneReach, 'spec.cni.type', { cni: cniModuleFor(cni.type).displayName(network) }));
  }
  issues.push(...checkPoolsWithinMaxCount(network, `${at}.nodeGroups`, "the node groups' maxSize", nodeGroupsFor(network, eks, plan).map((g) => g.maxSize)));
  if (zones.length < 2) {
    issues.push(issueOf(R.eksZonesRequired, `${at}.availabilityZones`, {}));
  } else if (eks.availabilityZones && cni.type === 'aws-vpc-cni' && cni.availabilityZones && cni.availabilityZones.join() !== eks.availabilityZones.join()) {
    issues.push(issueOf(R.eksZonesMatchSpec, `${at}.availabilityZones`, { zones: eks.availabilityZones.join(', '), spec: cni.availabilityZones.join(', ') }));
  }
  if (ipv4.length > 0 || vpc.length > 0 || zones.length < 2) return issues;
  if (eks.vpc) issues.push(...checkExistingVpc(network, eks.vpc, zones, `${at}.vpc`));
  else if (!plan) issues.push(...checkEksSubnetLayout(network, zones.length, undefined));
  if (!plan) return issues;
  const primary = Cidr.of(network.spec.nodes.cidrs![0]);
  if (eks.vpc) {
    // Checked in checkExistingVpc.
  } else if (!plan.customNetworking) {
    const pods = Cidr.of(network.spec.pods.cidrs[0]);
    if (primary.contains(pods) && pods.prefix !== primary.prefix) issues.push(...checkEksSubnetLayout(network, zones.length, pods.toString()));
    if (!primary.contains(pods)) {
      issues.push(issueOf(R.eksPodsInVpc, 'spec.pods.cidrs[0]', { problem: `${pods.toString()} is not inside the primary VPC range ${primary.toString()}: the stack's node subnets split the pod range (allowed: a range inside spec.nodes.cidrs[0])` }));
    } else if (pods.prefix === primary.prefix) {
      issues.push(issueOf(R.eksPodsInVpc, 'spec.pods.cidrs[0]', { problem: `${pods.toString()} is the whole VPC, leaving no room for public subnets (allowed: a range smaller than spec.nodes.cidrs[0], e.g. its first half)` }));
    }
  } else {
    issues.push(...checkEksSubnetLayout(network, zones.length, undefined));
  }
  if (plan.customNetworking && cni.type === 'aws-vpc-cni' && cni.customNetworking.eniConfigLabelDef === 'topology.kubernetes.io/zone') {
    const names = new Set(cni.customNetworking.eniConfigs.map((e) => e.name));
    zones.forEach((z, i) => {
      if (!names.has(z)) issues.push(issueOf(R.eksEniConfigPerZone, `${at}.availabilityZones[${i}]`, { zone: z, names: [...names].join(', ') }));
    });
  }
  (eks.nodeGroups ?? []).forEach((g, i) => {
    if (!plan.instanceTypes.includes(g.instanceType)) {
      issues.push(issueOf(R.eksNodeGroupInstanceType, `${at}.nodeGroups[${i}].instanceType`, { type: g.instanceType, allowed: plan.instanceTypes.join(', ') }));
    }
  });
  if (plan.prefixDelegation && !issues.some((i) => i.severity !== 'warning')) {
    try {
      prefixReservations(network, eksPodSubnets(network, eks, zones, plan));
    } catch (e) {
      issues.push(issueOf(R.eksPrefixReservation, 'spec.nodes.maxCount', { maxCount: network.spec.nodes.maxCount, maxPerNode: network.spec.pods.maxPerNode, reason: (e as Error).message }));
    }
  }
  return issues;
}

/** The subnets pods draw addresses from, per zone: an existing VPC's pod or node subnets, else the planned ones. */
export function eksPodSubnets(network: ResolvedClusterNetwork, eks: EksConfig, zones: readonly string[], plan: NonNullable<ReturnType<typeof vpcCniPlan>>): Array<{ zone: string; cidr: string }> {
  if (eks.vpc) {
    const list = plan.customNetworking ? (eks.vpc.podSubnets ?? []) : eks.vpc.privateSubnets;
    return zones.map((z) => ({ zone: z, cidr: list.find((s) => s.zone === z)!.cidr }));
  }
  const cidrs = plan.customNetworking ? podSubnetCidrs(network, zones, plan) : splitEvenly(network.spec.pods.cidrs[0], zones.length);
  return cidrs.map((cidr, i) => ({ zone: zones[i], cidr }));
}

/** Node groups / pools together within spec.nodes.maxCount (the plan's sizing). */
export function checkPoolsWithinMaxCount(network: ResolvedClusterNetwork, path: string, what: string, maxima: readonly number[]): SpecIssue[] {
  const total = maxima.reduce((a, b) => a + b, 0);
  const maxCount = network.spec.nodes.maxCount;
  return total > maxCount ? [issueOf(PLATFORM_RULES.nodeGroupMaxSize, path, { what, total, maxCount })] : [];
}

/** A subnet brought by the user: inside the spec's node ranges, and large enough for `needed` addresses. */
function checkExistingSubnet(ranges: readonly string[], text: string, path: string, needed: bigint, what: string, reservedPerSubnet: bigint): SpecIssue[] {
  const parsed = Cidr.parse(text);
  if (typeof parsed === 'string') return [issueOf(R.existingSubnetCidr, path, { problem: parsed })];
  if (!ranges.some((r) => Cidr.of(r).contains(parsed))) return [issueOf(PLATFORM_RULES.existingSubnetOutsideVpc, path, { cidr: text, vpc: ranges.join(', ') })];
  const usable = parsed.size - reservedPerSubnet;
  return usable < needed ? [issueOf(PLATFORM_RULES.existingSubnetTooSmall, path, { cidr: text, usable, needed, what })] : [];
}

/** An existing VPC: a private (and with custom networking a pod) subnet per zone, inside the plan's ranges, large enough. */
function checkExistingVpc(network: ResolvedClusterNetwork, vpc: NonNullable<EksConfig['vpc']>, zones: readonly string[], at: string): SpecIssue[] {
  const plan = vpcCniPlan(network);
  const perZone = BigInt(Math.ceil(network.spec.nodes.maxCount / zones.length));
  const pods = perZone * BigInt(network.spec.pods.maxPerNode);
  const vpcNativePods = plan !== undefined && !plan.customNetworking;
  const issues: SpecIssue[] = [];
  const lists: Array<[string, readonly { zone: string; cidr: string }[], bigint, string]> = [
    ['privateSubnets', vpc.privateSubnets, vpcNativePods ? perZone + pods : perZone, vpcNativePods ? `${perZone} nodes and their ${pods} pods` : `${perZone} nodes`],
  ];
  if (plan?.customNetworking) lists.push(['podSubnets', vpc.podSubnets ?? [], pods, `the pods of ${perZone} nodes`]);
  for (const [key, list, needed, what] of lists) {
    const missing = zones.filter((z) => !list.some((s) => s.zone === z));
    if (missing.length > 0) issues.push(issueOf(PLATFORM_RULES.existingSubnetZones, `${at}.${key}`, { zones: [...new Set(list.map((s) => s.zone))].join(', '), missing: missing.join(', ') }));
    list.forEach((s, i) => issues.push(...checkExistingSubnet(network.spec.nodes.cidrs ?? [], s.cidr, `${at}.${key}[${i}].cidr`, needed, what, AWS_RESERVED_PER_SUBNET)));
  }
  return issues;
}

/** Everything the AKS cluster needs beyond the spec. `at` prefixes option paths (see {@link eksChecks}). */
export function aksChecks(network: ResolvedClusterNetwork, aks: AksConfig, at = `${PROJECT}:aks`): SpecIssue[] {
  const cni = network.spec.cni;
  const pools = checkPoolsWithinMaxCount(network, `${at}.userPools`, "the pools' maxCount", aksPools(network, aks).map((p) => p.maxCount));
  if (cni.type === 'azure-cni') {
    const issues: SpecIssue[] = [
      ...checkIpv4Only(network, 'aks'),
      ...(cni.platform !== 'aks' ? [issueOf(R.aksAzureCniPlatform, 'spec.cni.platform', { platform: cni.platform })] : []),
      ...pools,
    ];
    if (issues.length === 0 && aks.vnet) issues.push(...checkExistingVnet(network, aks.vnet, azureCniPlan(network)!, `${at}.vnet`));
    return issues;
  }
  const vnet = !network.spec.nodes.cidrs?.length ? [issueOf(R.nodesCidrsRequired, 'spec.nodes.cidrs', { cluster: 'aks', what: ' with a bring-your-own CNI: it is the VNet range and the node subnet', allowed: 'IPv4 CIDRs' })] : [];
  const issues = [...checkIpv4Only(network, 'aks'), ...vnet, ...checkNoNodeCidrs(network, 'aks'), ...checkNoKubeProxyReplacement(network, 'aks'), ...checkAzureCarriesPodTraffic(network), ...checkAksReservedRanges(network), ...pools];
  if (issues.length === 0 && aks.vnet) issues.push(...checkExistingVnet(network, aks.vnet, undefined, `${at}.vnet`));
  return issues;
}

/** Azure keeps 5 addresses of every subnet. */
const AZURE_RESERVED_PER_SUBNET = 5n;

/**
 * AKS refuses pod, service and node ranges inside the ranges it reserves. The Azure CNI module checks its own ranges;
 * with networkPlugin none the spec's ranges go to AKS unchecked, so they are checked here.
 */
export function checkAksReservedRanges(network: ResolvedClusterNetwork): SpecIssue[] {
  const reserved = AKS_REJECTED_RANGES.map((r) => Cidr.of(r));
  const ranges: Array<[string, readonly string[]]> = [['spec.pods.cidrs', network.spec.pods.cidrs], ['spec.services.cidrs', network.spec.services.cidrs], ['spec.nodes.cidrs', network.spec.nodes.cidrs ?? []]];
  return ranges.flatMap(([path, cidrs]) =>
    cidrs.flatMap((text, i) => {
      const c = Cidr.of(text);
      const hit = reserved.find((r) => r.overlaps(c));
      return hit ? [issueOf(PLATFORM_RULES.aksReservedRange, `${path}[${i}]`, { cidr: text, reserved: hit.toString(), all: AKS_REJECTED_RANGES.join(', ') })] : [];
    }),
  );
}

/** An existing VNet's subnets: inside spec.nodes.cidrs and at least as large as the subnets the plan would create. */
function checkExistingVnet(network: ResolvedClusterNetwork, vnet: NonNullable<AksConfig['vnet']>, plan: AzureCniPlan | undefined, at: string): SpecIssue[] {
  const usable = (cidr: string) => Cidr.of(cidr).size - AZURE_RESERVED_PER_SUBNET;
  const nodeNeed = plan?.agentPool.vnetSubnetCidr ? usable(plan.agentPool.vnetSubnetCidr) : BigInt(network.spec.nodes.maxCount);
  const ranges = plan?.vnetCidrs ?? network.spec.nodes.cidrs ?? [];
  const issues = checkExistingSubnet(ranges, vnet.nodeSubnet.cidr, `${at}.nodeSubnet.cidr`, nodeNeed, plan?.agentPool.vnetSubnetCidr ? `the planned node subnet ${plan.agentPool.vnetSubnetCidr}'s addresses` : `${network.spec.nodes.maxCount} nodes`, AZURE_RESERVED_PER_SUBNET);
  const podPlan = plan?.agentPool.podSubnetCidr;
  if (podPlan && !vnet.podSubnet) issues.push(issueOf(R.existingPodSubnet, `${at}.podSubnet`, { prefix: `/${Cidr.of(podPlan).prefix}` }));
  if (podPlan && vnet.podSubnet) issues.push(...checkExistingSubnet(ranges, vnet.podSubnet.cidr, `${at}.podSubnet.cidr`, usable(podPlan), `the planned pod subnet ${podPlan}'s addresses`, AZURE_RESERVED_PER_SUBNET));
  return issues;
}

/**
 * Azure's network delivers only what a NIC owns: a packet whose source or destination is a pod address the NIC does
 * not hold is dropped (the stack sets no NIC IP forwarding and no routes), and IP protocol 4 (IP-in-IP) is not carried
 * at all. So a bring-your-own CNI on AKS must encapsulate pod traffic in UDP (VXLAN, Geneve) between every pair of nodes.
 */
export function checkAzureCarriesPodTraffic(network: ResolvedClusterNetwork): SpecIssue[] {
  const cni = network.spec.cni;
  const why = 'Azure drops pod-addressed packets between VMs (no NIC IP forwarding, no routes) and does not carry IP-in-IP (protocol 4)';
  if (cni.type === 'calico') {
    return resolvePools({ ...network, spec: { ...network.spec, cni } })
      .filter((p) => !p.disabled)
      .flatMap((p): SpecIssue[] => {
        if (p.ipipMode !== 'Never') {
          return [issueOf(R.aksEncapsulation, p.declared ? `${p.path}.ipipMode` : 'spec.cni.bgp.enabled', { value: `${p.declared ? p.ipipMode : 'true'} makes pool ${p.cidr} use IP-in-IP`, why, allowed: 'ipipMode Never and vxlanMode Always' })];
        }
        if (p.vxlanMode !== 'Always') return [issueOf(R.aksEncapsulation, `${p.path}.vxlanMode`, { value: `${p.vxlanMode} routes pool ${p.cidr} natively between nodes`, why, allowed: 'Always' })];
        return [];
      });
  }
  const fw = nodeFirewall(network);
  if (cni.type === 'cilium' && fw.routesNatively) return [issueOf(R.aksEncapsulation, 'spec.cni.routingMode', { value: 'native routes pods without encapsulation', why, allowed: 'tunnel' })];
  if (fw.routesNatively || fw.rules.some((r) => r.protocol === '4')) return [issueOf(R.aksEncapsulation, 'spec.cni.type', { value: `${cni.type} as configured routes pods natively or with IP-in-IP`, why, allowed: 'a VXLAN or Geneve overlay' })];
  return [];
}

export function kubeadmChecks(network: ResolvedClusterNetwork, workers: number | undefined, apiAllowedCidrs: readonly string[] = [], at = `${PROJECT}:kubeadm`): SpecIssue[] {
  const issues = [...checkIpv4Only(network, 'kubeadm'), ...checkAwsVpcRange(network, 'kubeadm')];
  apiAllowedCidrs.forEach((text, i) => {
    const c = Cidr.parse(text);
    const problem = typeof c === 'string' ? c : c.family !== 'IPv4' ? `${text} is not IPv4` : c.hasHostBits ? `${text} has host bits set (canonical form: ${c.toString()})` : undefined;
    if (problem) issues.push(issueOf(R.kubeadmApiCidrs, `${at}.apiAllowedCidrs[${i}]`, { problem }));
  });
  // A CNI that talks to the API server directly (Cilium without kube-proxy) must name the control plane the stack builds.
  const cni = network.spec.cni as { k8sServiceHost?: string; k8sServicePort?: number };
  if (issues.length === 0 && cni.k8sServiceHost !== undefined) {
    const cp = controlPlanePrivateIp(network.spec.nodes.cidrs![0]);
    if (cni.k8sServiceHost !== cp) issues.push(issueOf(R.kubeadmServiceHost, 'spec.cni.k8sServiceHost', { host: cni.k8sServiceHost, cp }));
    if (cni.k8sServicePort !== undefined && cni.k8sServicePort !== 6443) issues.push(issueOf(R.kubeadmServicePort, 'spec.cni.k8sServicePort', { port: cni.k8sServicePort }));
  }
  const nodes = 1 + (workers ?? network.spec.nodes.count - 1);
  if (nodes > network.spec.nodes.maxCount) {
    issues.push(issueOf(R.kubeadmWorkers, `${at}.workers`, { workers: nodes - 1, nodes, maxCount: network.spec.nodes.maxCount }));
  }
  return issues;
}
