/** Cilium as a `spec.cni` type: spec → props, Cilium-specific checks, MTU, node traffic, plan rows. */
import type { IssueCollector } from '../../spec/issues';
import { Cidr, findOverlaps } from '../../plan/cidr';
import { parseCidrList, usablePodAddresses, type LabelledCidr } from '../../plan/ip-plan';
import type { CniModule, NetworkWith, NodeTrafficRule } from '../common/cni-module';
import { ENCAP_OVERHEAD } from '../common/mtu';
import { checkPodMtu } from '../common/mtu-check';
import { VERSIONS } from '../common/versions';
import { HUBBLE_PEER_PORT } from './agent-daemonset';
import { Cilium } from './cilium';
import type { CiliumProps } from './props';
import type { ResolvedCiliumCni } from './spec';

type CiliumNetwork = NetworkWith<ResolvedCiliumCni>;

/**
 * IPsec overhead Cilium subtracts (pkg/mtu: `EncryptionIPsecOverhead` 16 bytes of ESP header/trailer plus the 16-byte
 * ICV of the default GCM(AES) key).
 */
export const CILIUM_IPSEC_OVERHEAD = 32;
/** Ports of the pinned Cilium (chart values and agent defaults). */
export const CILIUM_PORTS = { vxlan: 8472, geneve: 6081, health: 4240, wireguard: 51871 } as const;

const V4 = (n: CiliumNetwork) => n.spec.ipFamilies.includes('IPv4');
const V6 = (n: CiliumNetwork) => n.spec.ipFamilies.includes('IPv6');
const podCidr = (n: CiliumNetwork, family: 'IPv4' | 'IPv6') => n.spec.pods.cidrs[n.spec.ipFamilies.indexOf(family)];

/** The cluster-pool ranges and mask the operator uses, with the spec path each value comes from. */
function clusterPool(n: CiliumNetwork) {
  const ipam = n.spec.cni.ipam;
  return {
    list: ipam.clusterPoolIPv4PodCIDRList ?? (V4(n) ? [podCidr(n, 'IPv4')] : []),
    listPath: ipam.clusterPoolIPv4PodCIDRList ? 'spec.cni.ipam.clusterPoolIPv4PodCIDRList' : 'spec.pods.cidrs',
    mask: ipam.clusterPoolIPv4MaskSize ?? n.spec.pods.nodeMaskSize,
    maskPath: ipam.clusterPoolIPv4MaskSize !== undefined ? 'spec.cni.ipam.clusterPoolIPv4MaskSize' : 'spec.pods.nodeMaskSize',
  };
}

/** Pod MTU: underlay minus the tunnel (VXLAN/Geneve 50, none when native) minus WireGuard 60 or IPsec 32. */
export function ciliumOverhead(cni: ResolvedCiliumCni): number {
  const tunnel = cni.routingMode === 'tunnel' ? ENCAP_OVERHEAD[cni.tunnelProtocol] : 0;
  const enc = cni.encryption?.enabled ? (cni.encryption.type === 'wireguard' ? ENCAP_OVERHEAD.wireguard : CILIUM_IPSEC_OVERHEAD) : 0;
  return tunnel + enc;
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
    ranges = V4(n) ? [{ path: `spec.pods.cidrs[${n.spec.ipFamilies.indexOf('IPv4')}]`, cidr: Cidr.of(podCidr(n, 'IPv4')), role: 'pod' }] : [];
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
      `${maxCount} nodes need ${maxCount} /${mask} blocks but ${pool.listPath} [${v4.map((r) => r.cidr.toString()).join(', ')}] holds ${blocks} (allowed: at most ${blocks} nodes, larger cluster-pool ranges, or a longer ${maskPath})`,
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
  const path = `spec.pods.cidrs[${n.spec.ipFamilies.indexOf('IPv6')}]`;
  const pool = Cidr.of(podCidr(n, 'IPv6'));
  const mask = n.spec.pods.nodeMaskSizeIPv6;
  if (mask < pool.prefix || mask > 126) return issues.add('spec.pods.nodeMaskSizeIPv6', `/${mask} does not fit ${path} ${pool} (allowed: /${pool.prefix} to /126)`);
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
  const pods = cni.ipam.mode === 'cluster-pool' ? pool.list.map((c, i) => ({ path: `${pool.listPath}[${i}]`, text: c })) : V4(n) ? [{ path: 'spec.pods.cidrs[0]', text: podCidr(n, 'IPv4') }] : [];
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
  replacesKubeProxy: (n: CiliumNetwork) => n.spec.cni.kubeProxyReplacement,
  routesNatively: (n: CiliumNetwork) => n.spec.cni.routingMode === 'native',
  planRows(n: CiliumNetwork) {
    const cni = n.spec.cni;
    const pool = clusterPool(n);
    return [
      {
        label: 'Cilium IPAM',
        value:
          cni.ipam.mode === 'cluster-pool'
            ? `cluster-pool ${pool.list.join(', ')} in /${pool.mask} blocks (${pool.list.reduce((sum, c) => sum + Cidr.of(c).countBlocks(pool.mask), 0n)} nodes, ${usablePodAddresses('IPv4', pool.mask)} pod addresses each)`
            : 'kubernetes (Node podCIDR)',
      },
      { label: 'Cilium routing', value: cni.routingMode === 'native' ? `native (${cni.ipv4NativeRoutingCIDR})` : `tunnel (${cni.tunnelProtocol})` },
      { label: 'Kube-proxy replacement', value: cni.kubeProxyReplacement ? `yes (API server ${cni.k8sServiceHost}:${cni.k8sServicePort})` : 'no' },
      { label: 'Encryption', value: cni.encryption?.enabled ? cni.encryption.type : 'none' },
    ];
  },
};
