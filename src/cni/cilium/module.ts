/** Cilium as a `spec.cni` type: spec → props, Cilium-specific checks, MTU, node traffic, plan rows. */
import type { IssueCollector } from '../../spec/issues';
import { Cidr, findOverlaps } from '../../plan/cidr';
import { parseCidrList, usablePodAddresses, type LabelledCidr } from '../../plan/ip-plan';
import type { CniModule, NetworkWith, NodeTrafficRule } from '../common/cni-module';
import { checkPodMtu } from '../common/mtu-check';
import { VERSIONS } from '../common/versions';
import { HUBBLE_PEER_PORT } from './agent-daemonset';
import { Cilium } from './cilium';
import { resolveCiliumProps } from './defaults';
import { ciliumMtuOverhead } from './mtu';
import type { CiliumProps } from './props';
import type { ResolvedCiliumCni } from './spec';

type CiliumNetwork = NetworkWith<ResolvedCiliumCni>;

/** Ports of the pinned Cilium (chart values and agent defaults). */
export const CILIUM_PORTS = { vxlan: 8472, geneve: 6081, health: 4240, wireguard: 51871 } as const;

const V4 = (n: CiliumNetwork) => n.spec.ipFamilies.includes('IPv4');
const V6 = (n: CiliumNetwork) => n.spec.ipFamilies.includes('IPv6');
const podCidr = (n: CiliumNetwork, family: 'IPv4' | 'IPv6') => n.spec.pods.cidrs[n.spec.ipFamilies.indexOf(family)];
/** The path of a family's pod range: `spec.pods.cidrs` is ordered like `spec.ipFamilies`, so IPv4 may be `[1]`. */
const podCidrPath = (n: CiliumNetwork, family: 'IPv4' | 'IPv6') => `spec.pods.cidrs[${n.spec.ipFamilies.indexOf(family)}]`;

/**
 * Cilium's cluster-pool allocator (pkg/ipam/cidrset, from Kubernetes' nodeipam) tracks an IPv6 pool's per-node blocks
 * in an uncompressed bitmap and refuses a node mask more than 16 bits longer than the pool ("the node CIDR size is too
 * big"); IPv4 has no such limit.
 */
export const CILIUM_IPV6_CLUSTER_SUBNET_MAX_DIFF = 16;

/** The IPv4 cluster-pool ranges and mask the operator uses, each range with the spec path it comes from. */
function clusterPool(n: CiliumNetwork) {
  const ipam = n.spec.cni.ipam;
  const own = ipam.clusterPoolIPv4PodCIDRList;
  const items = own
    ? own.map((text, i) => ({ path: `spec.cni.ipam.clusterPoolIPv4PodCIDRList[${i}]`, text }))
    : V4(n) ? [{ path: podCidrPath(n, 'IPv4'), text: podCidr(n, 'IPv4') }] : [];
  return {
    items,
    list: items.map((i) => i.text),
    listPath: own ? 'spec.cni.ipam.clusterPoolIPv4PodCIDRList' : podCidrPath(n, 'IPv4'),
    mask: ipam.clusterPoolIPv4MaskSize ?? n.spec.pods.nodeMaskSize,
    maskPath: ipam.clusterPoolIPv4MaskSize !== undefined ? 'spec.cni.ipam.clusterPoolIPv4MaskSize' : 'spec.pods.nodeMaskSize',
  };
}

/** Pod MTU overhead: Cilium's tunnel 50 (tunnel routing only) plus WireGuard 80 or IPsec 77 (see ./mtu.ts). */
export function ciliumOverhead(cni: ResolvedCiliumCni): number {
  return ciliumMtuOverhead(cni.routingMode === 'tunnel', cni.encryption?.enabled ? cni.encryption.type : undefined);
}

/** Spec → construct props (chart vocabulary). */
export function ciliumProps(n: CiliumNetwork): CiliumProps {
  const cni = n.spec.cni;
  const pool = clusterPool(n);
  const enc = cni.encryption?.enabled ? cni.encryption : undefined;
  return {
    version: cni.version,
    imageRegistry: cni.imageRegistry,
    ipv4: V4(n),
    ipv6: V6(n),
    ipam: {
      mode: cni.ipam.mode,
      clusterPoolIPv4PodCIDRList: pool.list.map((c) => Cidr.of(c).toString()),
      clusterPoolIPv4MaskSize: pool.mask,
      ...(V6(n) ? { clusterPoolIPv6PodCIDRList: [Cidr.of(podCidr(n, 'IPv6')).toString()], clusterPoolIPv6MaskSize: n.spec.pods.nodeMaskSizeIPv6 } : {}),
    },
    routingMode: cni.routingMode,
    tunnelProtocol: cni.tunnelProtocol,
    tunnelPort: cni.tunnelPort,
    ipv4NativeRoutingCIDR: cni.ipv4NativeRoutingCIDR,
    autoDirectNodeRoutes: cni.autoDirectNodeRoutes,
    kubeProxyReplacement: cni.kubeProxyReplacement,
    k8sServiceHost: cni.k8sServiceHost,
    k8sServicePort: cni.k8sServicePort,
    encryption: enc ? { type: enc.type, ipsecSecretName: enc.keySecret?.name } : undefined,
    hubble: cni.hubble,
    policyEnforcementMode: cni.policyEnforcementMode,
  };
}

function validateClusterPool(n: CiliumNetwork, issues: IssueCollector): void {
  const cni = n.spec.cni;
  const pool = clusterPool(n);
  const { mask, maskPath } = pool;
  const own = cni.ipam.clusterPoolIPv4PodCIDRList;
  let ranges: LabelledCidr[];
  if (own) {
    ranges = parseCidrList(own, 'spec.cni.ipam.clusterPoolIPv4PodCIDRList', 'pod', issues);
    const pods = n.spec.pods.cidrs.map((c, i) => ({ path: `spec.pods.cidrs[${i}]`, cidr: Cidr.of(c) }));
    for (const r of ranges) {
      if (r.cidr.family !== 'IPv4') issues.add(r.path, `${r.cidr} is ${r.cidr.family} (allowed: IPv4 ranges; IPv6 pools come from spec.pods.cidrs)`);
      else if (!pods.some((p) => p.cidr.contains(r.cidr))) {
        issues.add(r.path, `${r.cidr} is not inside spec.pods.cidrs [${n.spec.pods.cidrs.join(', ')}] (allowed: cluster-pool ranges inside the cluster's pod range)`);
      }
    }
    for (const [a, b] of findOverlaps(ranges)) issues.add(b.path, `${b.cidr} overlaps ${a.path} ${a.cidr} (allowed: distinct cluster-pool ranges)`);
  } else {
    ranges = pool.items.map((i) => ({ path: i.path, cidr: Cidr.of(i.text), role: 'pod' }));
  }
  const v4 = ranges.filter((r) => r.cidr.family === 'IPv4');
  if (v4.length === 0) return;
  const tooSmall = v4.filter((r) => mask < r.cidr.prefix);
  if (mask > 30 || tooSmall.length > 0) {
    const longest = Math.max(...v4.map((r) => r.cidr.prefix));
    issues.add(maskPath, `/${mask} does not fit ${tooSmall.map((r) => `${r.path} ${r.cidr}`).join(', ') || 'a usable per-node block'} (allowed: /${longest} to /30)`);
    return;
  }
  const blocks = v4.reduce((sum, r) => sum + r.cidr.countBlocks(mask), 0n);
  const { maxCount } = n.spec.nodes;
  if (blocks < BigInt(maxCount)) {
    issues.add(
      n.spec.nodes.maxCount !== n.spec.nodes.count ? 'spec.nodes.maxCount' : 'spec.nodes.count',
      `${maxCount} nodes need ${maxCount} /${mask} blocks but ${n.spec.cni.ipam.clusterPoolIPv4PodCIDRList ? `${pool.listPath} [${v4.map((r) => r.cidr.toString()).join(', ')}]` : `${pool.listPath} ${v4[0].cidr}`} holds ${blocks} (allowed: at most ${blocks} nodes, larger cluster-pool ranges, or a longer ${maskPath})`,
    );
  }
  const usable = usablePodAddresses('IPv4', mask);
  if (BigInt(n.spec.pods.maxPerNode) > usable) {
    issues.add('spec.pods.maxPerNode', `${n.spec.pods.maxPerNode} pods do not fit a /${mask} cluster-pool block, which has ${usable} usable addresses (allowed: at most ${usable}, or a shorter ${maskPath})`);
  }
}

/** The IPv6 cluster pool is the IPv6 pod range in `nodeMaskSizeIPv6` blocks: same capacity rules as IPv4. */
function validateClusterPoolIPv6(n: CiliumNetwork, issues: IssueCollector): void {
  if (!V6(n)) return;
  const path = podCidrPath(n, 'IPv6');
  const pool = Cidr.of(podCidr(n, 'IPv6'));
  const mask = n.spec.pods.nodeMaskSizeIPv6;
  const longest = Math.min(126, pool.prefix + CILIUM_IPV6_CLUSTER_SUBNET_MAX_DIFF);
  if (mask < pool.prefix || mask > 126) return issues.add('spec.pods.nodeMaskSizeIPv6', `/${mask} does not fit ${path} ${pool} (allowed: /${pool.prefix} to /${longest})`);
  if (mask > longest) {
    return issues.add(
      'spec.pods.nodeMaskSizeIPv6',
      `/${mask} is more than ${CILIUM_IPV6_CLUSTER_SUBNET_MAX_DIFF} bits longer than ${path} ${pool}; Cilium's cluster-pool allocator refuses it ("the node CIDR size is too big") (allowed: /${pool.prefix} to /${longest}, or an IPv6 pod range of /${mask - CILIUM_IPV6_CLUSTER_SUBNET_MAX_DIFF} or longer)`,
    );
  }
  const { maxCount, count } = n.spec.nodes;
  const blocks = pool.countBlocks(mask);
  if (blocks < BigInt(maxCount)) {
    issues.add(maxCount !== count ? 'spec.nodes.maxCount' : 'spec.nodes.count', `${maxCount} nodes need ${maxCount} /${mask} blocks but ${path} ${pool} holds ${blocks} (allowed: at most ${blocks} nodes, or a longer spec.pods.nodeMaskSizeIPv6)`);
  }
  const usable = usablePodAddresses('IPv6', mask);
  if (BigInt(n.spec.pods.maxPerNode) > usable) {
    issues.add('spec.pods.maxPerNode', `${n.spec.pods.maxPerNode} pods do not fit a /${mask} IPv6 cluster-pool block, which has ${usable} usable addresses (allowed: at most ${usable}, or a shorter spec.pods.nodeMaskSizeIPv6)`);
  }
}

function validateRouting(n: CiliumNetwork, issues: IssueCollector): void {
  const cni = n.spec.cni;
  if (cni.tunnelPort !== undefined && cni.routingMode === 'native') issues.add('spec.cni.tunnelPort', `is set but routingMode is native (allowed: only with routingMode tunnel)`);
  if (cni.autoDirectNodeRoutes && cni.routingMode !== 'native') {
    issues.add('spec.cni.autoDirectNodeRoutes', 'is true but routingMode is tunnel; Cilium refuses auto-direct-node-routes with tunneling (allowed: false, or routingMode native)');
  }
  if (cni.routingMode === 'native' && V6(n)) {
    issues.add('spec.ipFamilies', `[${n.spec.ipFamilies.join(', ')}] with routingMode native: the chart then requires ipv6NativeRoutingCIDR, which this spec does not model (allowed: [IPv4] with native routing, or routingMode tunnel)`);
  }
  if (cni.ipv4NativeRoutingCIDR === undefined) {
    if (cni.routingMode === 'native' && V4(n)) {
      issues.add('spec.cni.ipv4NativeRoutingCIDR', 'is required when routingMode is native (allowed: a CIDR that covers the pod range, e.g. the VPC or the pod CIDR)');
    }
    return;
  }
  const parsed = Cidr.parse(cni.ipv4NativeRoutingCIDR);
  if (typeof parsed === 'string') return issues.add('spec.cni.ipv4NativeRoutingCIDR', parsed);
  if (parsed.family !== 'IPv4') return issues.add('spec.cni.ipv4NativeRoutingCIDR', `${cni.ipv4NativeRoutingCIDR} is IPv6 (allowed: an IPv4 CIDR)`);
  if (parsed.hasHostBits) issues.add('spec.cni.ipv4NativeRoutingCIDR', `${cni.ipv4NativeRoutingCIDR} has host bits set (canonical form: ${parsed.toString()})`);
  const pool = clusterPool(n);
  const pods = cni.ipam.mode === 'cluster-pool' ? pool.items : V4(n) ? [{ path: podCidrPath(n, 'IPv4'), text: podCidr(n, 'IPv4') }] : [];
  for (const p of pods) {
    const c = Cidr.parse(p.text);
    if (typeof c === 'string' || c.family !== 'IPv4') continue;
    if (!parsed.contains(c)) {
      issues.add('spec.cni.ipv4NativeRoutingCIDR', `${parsed} does not cover ${p.path} ${c} (allowed: a range containing every pod range, or pod traffic is masqueraded)`);
    }
  }
}

function validateCilium(n: CiliumNetwork, issues: IssueCollector): void {
  const cni = n.spec.cni;
  if (cni.ipam.mode === 'cluster-pool') {
    validateClusterPool(n, issues);
    validateClusterPoolIPv6(n, issues);
  }
  else {
    if (cni.ipam.clusterPoolIPv4PodCIDRList) issues.add('spec.cni.ipam.clusterPoolIPv4PodCIDRList', 'is set but ipam.mode is kubernetes (allowed: only with mode cluster-pool)');
    if (cni.ipam.clusterPoolIPv4MaskSize !== undefined) issues.add('spec.cni.ipam.clusterPoolIPv4MaskSize', 'is set but ipam.mode is kubernetes (allowed: only with mode cluster-pool; use spec.pods.nodeMaskSize)');
  }
  validateRouting(n, issues);
  if (cni.kubeProxyReplacement) {
    if (!cni.k8sServiceHost) issues.add('spec.cni.k8sServiceHost', 'is required when kubeProxyReplacement is true: without kube-proxy the agent cannot reach the API server through its ClusterIP (allowed: the API server address or DNS name)');
    if (cni.k8sServicePort === undefined) issues.add('spec.cni.k8sServicePort', 'is required when kubeProxyReplacement is true (allowed: the API server port, e.g. 6443)');
  }
  const enc = cni.encryption;
  if (enc?.enabled && enc.type === 'ipsec' && !enc.keySecret) {
    issues.add('spec.cni.encryption.keySecret', 'is required when encryption type is ipsec (allowed: {name: <Secret with key "keys">}; the key itself never goes in the spec)');
  }
  if (enc?.keySecret && enc.type === 'wireguard') issues.add('spec.cni.encryption.keySecret', 'is set but type is wireguard, which generates its own keys (allowed: only with type ipsec)');
  if (cni.hubble.ui && !cni.hubble.relay) issues.add('spec.cni.hubble.ui', 'is true but hubble.relay is false; the UI reads flows from Relay (allowed: relay true, or ui false)');
  if ((cni.hubble.relay || cni.hubble.ui) && !cni.hubble.enabled) issues.add('spec.cni.hubble.enabled', 'is false but relay or ui is true (allowed: enabled true)');
  checkPodMtu(n, ciliumOverhead(cni), "Cilium's", issues);
}

/**
 * Hubble Relay talks mTLS to every agent's Hubble server, with Secrets the chart generates at install time
 * (`hubble.tls.auto.method: helm`), which a deterministic synth cannot do (see hubble.ts): say so, naming them.
 */
function hubbleTlsWarning(): string {
  const ns = resolveCiliumProps({}).namespace;
  return (
    `Hubble Relay is enabled but this library does not create the TLS Secrets ${ns}/hubble-server-certs (mounted by the agents) and ` +
    `${ns}/hubble-relay-client-certs (mounted by Relay); their mounts are optional, so everything starts, but Relay cannot reach the agents' Hubble servers until they exist. ` +
    'Create them before or after applying, with cert-manager (a CA Issuer and Certificates for both names) or `cilium hubble enable`.'
  );
}

export const ciliumModule: CniModule<ResolvedCiliumCni> = {
  type: 'cilium',
  displayName: (n: CiliumNetwork) => `Cilium ${n.spec.cni.version ?? VERSIONS.cilium.version} (${n.spec.cni.routingMode === 'native' ? 'native routing' : n.spec.cni.tunnelProtocol})`,
  podAddressing: (n: CiliumNetwork) => (n.spec.cni.ipam.mode === 'cluster-pool' ? 'cni-ipam' : 'node-cidr'),
  podMtu: (n: CiliumNetwork) => n.spec.nodes.mtu - ciliumOverhead(n.spec.cni),
  validate: validateCilium,
  build(scope, n: CiliumNetwork) {
    new Cilium(scope, 'cilium', ciliumProps(n));
  },
  nodeTraffic(n: CiliumNetwork): NodeTrafficRule[] {
    const cni = n.spec.cni;
    const rules: NodeTrafficRule[] = [];
    if (cni.routingMode === 'tunnel') {
      rules.push({ protocol: 'udp', fromPort: cni.tunnelPort ?? CILIUM_PORTS[cni.tunnelProtocol], description: cni.tunnelProtocol === 'vxlan' ? 'Cilium VXLAN overlay' : 'Cilium Geneve overlay' });
    }
    rules.push({ protocol: 'tcp', fromPort: CILIUM_PORTS.health, description: 'Cilium health checks (cilium-health)' });
    rules.push({ protocol: '1', description: 'Cilium health checks (ICMP echo)' });
    if (cni.encryption?.enabled) {
      rules.push(cni.encryption.type === 'wireguard' ? { protocol: 'udp', fromPort: CILIUM_PORTS.wireguard, description: 'Cilium WireGuard encryption' } : { protocol: '50', description: 'Cilium IPsec (ESP)' });
    }
    if (cni.hubble.enabled) rules.push({ protocol: 'tcp', fromPort: HUBBLE_PEER_PORT, description: 'Hubble server (peer service, Relay)' });
    return rules;
  },
  warnings: (n: CiliumNetwork) => (n.spec.cni.hubble.relay ? [hubbleTlsWarning()] : []),
  replacesKubeProxy: (n: CiliumNetwork) => n.spec.cni.kubeProxyReplacement,
  routesNatively: (n: CiliumNetwork) => n.spec.cni.routingMode === 'native',
  planRows(n: CiliumNetwork) {
    const cni = n.spec.cni;
    const pool = clusterPool(n);
    const poolRow = (family: 'IPv4' | 'IPv6', list: readonly string[], mask: number) => ({
      label: `Cilium IPAM (${family})`,
      value: `cluster-pool ${list.join(', ')} in /${mask} blocks (${list.reduce((sum, c) => sum + Cidr.of(c).countBlocks(mask), 0n)} nodes, ${usablePodAddresses(family, mask)} pod addresses each)`,
    });
    const ipamRows =
      cni.ipam.mode === 'cluster-pool'
        ? [
            ...(V4(n) ? [poolRow('IPv4', pool.list, pool.mask)] : []),
            ...(V6(n) ? [poolRow('IPv6', [Cidr.of(podCidr(n, 'IPv6')).toString()], n.spec.pods.nodeMaskSizeIPv6)] : []),
          ]
        : [{ label: 'Cilium IPAM', value: 'kubernetes (Node podCIDR)' }];
    return [
      ...ipamRows,
      { label: 'Cilium routing', value: cni.routingMode === 'native' ? `native (${cni.ipv4NativeRoutingCIDR})` : `tunnel (${cni.tunnelProtocol})` },
      { label: 'Kube-proxy replacement', value: cni.kubeProxyReplacement ? `yes (API server ${cni.k8sServiceHost}:${cni.k8sServicePort})` : 'no' },
      { label: 'Encryption', value: cni.encryption?.enabled ? cni.encryption.type : 'none' },
    ];
  },
};
