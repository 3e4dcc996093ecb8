/** Cilium as a `spec.cni` type: spec → props, Cilium-specific checks, MTU, node traffic, plan rows. */
import type { IssueCollector } from '../../spec/issues';
import { Cidr, findOverlaps } from '../../plan/cidr';
import { parseCidrList, type LabelledCidr } from '../../plan/ip-plan';
import type { CniModule, NetworkWith, NodeTrafficRule } from '../common/cni-module';
import { checkPodMtu } from '../common/mtu-check';
import { VERSIONS } from '../common/versions';
import { HUBBLE_PEER_PORT } from './agent-daemonset';
import { Cilium } from './cilium';
import { ciliumDatapathIssues } from './datapath-checks';
import { resolveCiliumProps, type ResolvedCiliumProps } from './defaults';
import { ciliumMtuOverhead } from './mtu';
import type { CiliumDatapathProps, CiliumProps } from './props';
import { CILIUM_RULES as R } from './rules';
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

/** The tunnel underlay family: as given, else ipv4 when IPv4 is enabled and ipv6 for IPv6-only clusters. */
export function ciliumUnderlay(n: CiliumNetwork): 'ipv4' | 'ipv6' {
  return n.spec.cni.underlayProtocol ?? (V4(n) ? 'ipv4' : 'ipv6');
}

/**
 * Whether the agent runs its tunnel: tunnel routing, or the egress gateway, which enables the tunnel (with MTU
 * adaptation) in native routing too, to redirect traffic to gateway nodes (pkg/egressgateway/cell.go:
 * tunnel.NewEnabler(true)).
 */
export function ciliumTunnels(n: CiliumNetwork): boolean {
  return n.spec.cni.routingMode === 'tunnel' || n.spec.cni.egressGateway?.enabled === true;
}

/** Pod MTU overhead: Cilium's tunnel 50 (70 over an IPv6 underlay; when the agent tunnels, see {@link ciliumTunnels}) plus WireGuard 80 or IPsec 77 (see ./mtu.ts). */
export function ciliumOverhead(n: CiliumNetwork): number {
  const cni = n.spec.cni;
  return ciliumMtuOverhead(ciliumTunnels(n), cni.encryption?.enabled ? cni.encryption.type : undefined, ciliumUnderlay(n) === 'ipv6');
}

/**
 * Usable pod addresses in a cluster-pool node block: Cilium's ipallocator drops the first and last address (and
 * counts at most 2^16 addresses of an IPv6 block), and the agent takes the router (cilium_host) and health endpoint
 * addresses from the block: size − 4.
 */
export function ciliumPodAddresses(family: 'IPv4' | 'IPv6', prefix: number): bigint {
  const hostBits = (family === 'IPv4' ? 32 : 128) - prefix;
  const size = family === 'IPv6' && hostBits >= 16 ? 1n << 16n : 1n << BigInt(hostBits);
  return size > 4n ? size - 4n : 0n;
}

/** The datapath knobs and extraConfig as the spec gives them (same names as the props). */
function datapathKnobs(cni: ResolvedCiliumCni): CiliumDatapathProps {
  const { bpf, loadBalancer, devices, socketLB, bandwidthManager, egressGateway, extraConfig } = cni;
  return { bpf, loadBalancer, devices, socketLB, bandwidthManager, egressGateway, extraConfig };
}

/** The settings the datapath checks read, from spec fields that need no parsing (CIDRs are checked elsewhere). */
function datapathSettings(n: CiliumNetwork): ResolvedCiliumProps {
  const cni = n.spec.cni;
  return resolveCiliumProps({
    ...datapathKnobs(cni),
    ipv4: V4(n),
    ipv6: V6(n),
    routingMode: cni.routingMode,
    tunnelProtocol: cni.tunnelProtocol,
    underlayProtocol: ciliumUnderlay(n),
    kubeProxyReplacement: cni.kubeProxyReplacement,
    encryption: cni.encryption?.enabled ? { type: cni.encryption.type } : undefined,
    hubble: cni.hubble,
  });
}

/** A plan row naming the datapath knobs that are set (none when all are at the chart's defaults). */
function datapathRow(cni: ResolvedCiliumCni): { label: string; value: string }[] {
  const lb = cni.loadBalancer;
  const parts = [
    cni.bpf?.masquerade ? 'BPF masquerading' : '',
    lb?.mode ? `load balancing ${lb.mode}${lb.dsrDispatch ? ` (${lb.dsrDispatch} dispatch)` : ''}` : '',
    cni.socketLB?.enabled ? 'socket LB' : '',
    cni.socketLB?.hostNamespaceOnly ? 'socket LB in the host namespace only' : '',
    cni.bandwidthManager?.enabled ? `bandwidth manager${cni.bandwidthManager.bbr ? ' with BBR' : ''}` : '',
    cni.egressGateway?.enabled ? 'egress gateway' : '',
    cni.devices ? `devices ${cni.devices.join(' ')}` : '',
    cni.extraConfig && Object.keys(cni.extraConfig).length ? `extra config ${Object.keys(cni.extraConfig).sort().join(', ')}` : '',
  ].filter(Boolean);
  return parts.length ? [{ label: 'Cilium datapath', value: parts.join(', ') }] : [];
}

/** Spec → construct props (chart vocabulary). */
export function ciliumProps(n: CiliumNetwork): CiliumProps {
  const cni = n.spec.cni;
  const pool = clusterPool(n);
  const enc = cni.encryption?.enabled ? cni.encryption : undefined;
  const underlay = cni.underlayProtocol ?? (V4(n) ? undefined : 'ipv6');
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
    ...(underlay ? { underlayProtocol: underlay } : {}),
    ipv4NativeRoutingCIDR: cni.ipv4NativeRoutingCIDR,
    ipv6NativeRoutingCIDR: cni.ipv6NativeRoutingCIDR,
    autoDirectNodeRoutes: cni.autoDirectNodeRoutes,
    kubeProxyReplacement: cni.kubeProxyReplacement,
    k8sServiceHost: cni.k8sServiceHost,
    k8sServicePort: cni.k8sServicePort,
    encryption: enc ? { type: enc.type, ipsecSecretName: enc.keySecret?.name } : undefined,
    hubble: cni.hubble,
    policyEnforcementMode: cni.policyEnforcementMode,
    ...(cni.operator?.replicas !== undefined ? { operatorReplicas: cni.operator.replicas } : {}),
    ...datapathKnobs(cni),
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
      if (r.cidr.family !== 'IPv4') issues.report(R.clusterPoolFamily, r.path, { cidr: r.cidr.toString(), family: r.cidr.family });
      else if (!pods.some((p) => p.cidr.contains(r.cidr))) issues.report(R.clusterPoolOutsidePods, r.path, { cidr: r.cidr.toString(), pods: n.spec.pods.cidrs.join(', ') });
    }
    for (const [a, b] of findOverlaps(ranges)) issues.report(R.clusterPoolOverlap, b.path, { cidr: b.cidr.toString(), other: `${a.path} ${a.cidr}` });
  } else {
    ranges = pool.items.map((i) => ({ path: i.path, cidr: Cidr.of(i.text), role: 'pod' }));
  }
  const v4 = ranges.filter((r) => r.cidr.family === 'IPv4');
  if (v4.length === 0) return;
  const tooSmall = v4.filter((r) => mask < r.cidr.prefix);
  if (mask > 30 || tooSmall.length > 0) {
    const longest = Math.max(...v4.map((r) => r.cidr.prefix));
    issues.report(R.clusterPoolMask, maskPath, { mask, what: tooSmall.map((r) => `${r.path} ${r.cidr}`).join(', ') || 'a usable per-node block', allowed: `/${longest} to /30` });
    return;
  }
  const blocks = v4.reduce((sum, r) => sum + r.cidr.countBlocks(mask), 0n);
  const { maxCount } = n.spec.nodes;
  if (blocks < BigInt(maxCount)) {
    issues.report(R.clusterPoolBlocks, n.spec.nodes.maxCount !== n.spec.nodes.count ? 'spec.nodes.maxCount' : 'spec.nodes.count', {
      nodes: maxCount,
      mask,
      where: own ? `${pool.listPath} [${v4.map((r) => r.cidr.toString()).join(', ')}]` : `${pool.listPath} ${v4[0].cidr}`,
      blocks,
      longer: `larger cluster-pool ranges, or a longer ${maskPath}`,
    });
  }
  checkPodsPerNode(n, 'IPv4', mask, maskPath, issues);
}

function checkPodsPerNode(n: CiliumNetwork, family: 'IPv4' | 'IPv6', mask: number, maskPath: string, issues: IssueCollector): void {
  const usable = ciliumPodAddresses(family, mask);
  if (BigInt(n.spec.pods.maxPerNode) > usable) issues.report(R.clusterPoolPods, 'spec.pods.maxPerNode', { family, pods: n.spec.pods.maxPerNode, mask, usable, maskPath });
}

/** The IPv6 cluster pool is the IPv6 pod range in `nodeMaskSizeIPv6` blocks: same capacity rules as IPv4. */
function validateClusterPoolIPv6(n: CiliumNetwork, issues: IssueCollector): void {
  if (!V6(n)) return;
  const path = podCidrPath(n, 'IPv6');
  const pool = Cidr.of(podCidr(n, 'IPv6'));
  const mask = n.spec.pods.nodeMaskSizeIPv6;
  const longest = Math.min(126, pool.prefix + CILIUM_IPV6_CLUSTER_SUBNET_MAX_DIFF);
  const maskPath = 'spec.pods.nodeMaskSizeIPv6';
  if (mask < pool.prefix || mask > 126) return issues.report(R.clusterPoolMask, maskPath, { mask, what: `${path} ${pool}`, allowed: `/${pool.prefix} to /${longest}` });
  if (mask > longest) {
    return issues.report(R.ipv6MaskTooLong, maskPath, { mask, max: CILIUM_IPV6_CLUSTER_SUBNET_MAX_DIFF, path, pool: pool.toString(), longest, shortest: pool.prefix });
  }
  const { maxCount, count } = n.spec.nodes;
  const blocks = pool.countBlocks(mask);
  if (blocks < BigInt(maxCount)) {
    issues.report(R.clusterPoolBlocks, maxCount !== count ? 'spec.nodes.maxCount' : 'spec.nodes.count', { nodes: maxCount, mask, where: `${path} ${pool}`, blocks, longer: 'or a longer spec.pods.nodeMaskSizeIPv6' });
  }
  checkPodsPerNode(n, 'IPv6', mask, maskPath, issues);
}

/** A native routing CIDR: syntax and family, then whether it covers the pod ranges of its family. */
function checkNativeRoutingCidr(n: CiliumNetwork, family: 'IPv4' | 'IPv6', issues: IssueCollector): void {
  const cni = n.spec.cni;
  const field = family === 'IPv4' ? 'ipv4NativeRoutingCIDR' : 'ipv6NativeRoutingCIDR';
  const path = `spec.cni.${field}`;
  const text = cni[field];
  const enabled = family === 'IPv4' ? V4(n) : V6(n);
  if (text === undefined) {
    if (cni.routingMode === 'native' && enabled) issues.report(R.nativeRoutingCidrRequired, path, { family });
    return;
  }
  const parsed = Cidr.parse(text);
  if (typeof parsed === 'string') return issues.report(R.nativeRoutingCidrInvalid, path, { problem: parsed });
  if (parsed.family !== family) return issues.report(R.nativeRoutingCidrInvalid, path, { problem: `${text} is ${parsed.family} (allowed: an ${family} CIDR)` });
  if (parsed.hasHostBits) issues.report(R.nativeRoutingCidrInvalid, path, { problem: `${text} has host bits set (canonical form: ${parsed.toString()})` });
  const pods =
    family === 'IPv4' && cni.ipam.mode === 'cluster-pool' ? clusterPool(n).items : enabled ? [{ path: podCidrPath(n, family), text: podCidr(n, family) }] : [];
  for (const p of pods) {
    const c = Cidr.parse(p.text);
    if (typeof c === 'string' || c.family !== family) continue;
    if (!parsed.contains(c)) issues.report(R.nativeRoutingCidrCoverage, path, { cidr: parsed.toString(), path: p.path, pod: c.toString() });
  }
}

function validateRouting(n: CiliumNetwork, issues: IssueCollector): void {
  const cni = n.spec.cni;
  if (cni.tunnelPort !== undefined && !ciliumTunnels(n)) issues.report(R.tunnelPortNative, 'spec.cni.tunnelPort', {});
  if (cni.autoDirectNodeRoutes && cni.routingMode !== 'native') issues.report(R.autoDirectNodeRoutesTunnel, 'spec.cni.autoDirectNodeRoutes', {});
  checkNativeRoutingCidr(n, 'IPv4', issues);
  checkNativeRoutingCidr(n, 'IPv6', issues);
  const underlay = ciliumUnderlay(n);
  if (underlay === 'ipv4' && !V4(n)) issues.report(R.underlayFamily, 'spec.cni.underlayProtocol', { underlay, missing: 'IPv4' });
  if (underlay === 'ipv6' && !V6(n)) issues.report(R.underlayFamily, 'spec.cni.underlayProtocol', { underlay, missing: 'IPv6' });
  if (cni.routingMode === 'tunnel' && underlay === 'ipv6' && cni.encryption?.enabled) issues.report(R.underlayEncryption, 'spec.cni.encryption', { type: cni.encryption.type });
}

function validateHubble(n: CiliumNetwork, issues: IssueCollector): void {
  const { hubble } = n.spec.cni;
  if (hubble.ui && !hubble.relay) issues.report(R.hubbleUiWithoutRelay, 'spec.cni.hubble.ui', {});
  if ((hubble.relay || hubble.ui) && !hubble.enabled) issues.report(R.hubbleDisabled, 'spec.cni.hubble.enabled', {});
  const auto = hubble.tls?.auto;
  if (auto?.method === 'certmanager' && !auto.certManagerIssuerRef) issues.report(R.certManagerIssuer, 'spec.cni.hubble.tls.auto.certManagerIssuerRef', {});
  if (hubble.enabled && hubble.relay && !auto) issues.report(R.hubbleTlsByHand, 'spec.cni.hubble.tls.auto.method', { namespace: resolveCiliumProps({}).namespace });
}

function validateCilium(n: CiliumNetwork, issues: IssueCollector): void {
  const cni = n.spec.cni;
  if (cni.ipam.mode === 'cluster-pool') {
    validateClusterPool(n, issues);
    validateClusterPoolIPv6(n, issues);
  } else {
    if (cni.ipam.clusterPoolIPv4PodCIDRList) issues.report(R.clusterPoolWithKubernetesIpam, 'spec.cni.ipam.clusterPoolIPv4PodCIDRList', { hint: '' });
    if (cni.ipam.clusterPoolIPv4MaskSize !== undefined) issues.report(R.clusterPoolWithKubernetesIpam, 'spec.cni.ipam.clusterPoolIPv4MaskSize', { hint: '; use spec.pods.nodeMaskSize' });
  }
  validateRouting(n, issues);
  if (cni.k8sServiceHost === 'auto') issues.report(R.k8sServiceHostAuto, 'spec.cni.k8sServiceHost', {});
  if (cni.kubeProxyReplacement) {
    if (!cni.k8sServiceHost) issues.report(R.k8sServiceRequired, 'spec.cni.k8sServiceHost', { field: 'k8sServiceHost' as const });
    if (cni.k8sServicePort === undefined) issues.report(R.k8sServiceRequired, 'spec.cni.k8sServicePort', { field: 'k8sServicePort' as const });
  }
  const enc = cni.encryption;
  if (enc?.enabled && enc.type === 'ipsec' && !enc.keySecret) issues.report(R.ipsecKeySecret, 'spec.cni.encryption.keySecret', {});
  if (enc?.keySecret && enc.type === 'wireguard') issues.report(R.keySecretWireguard, 'spec.cni.encryption.keySecret', {});
  validateHubble(n, issues);
  issues.addIssues(ciliumDatapathIssues(datapathSettings(n), 'spec.cni.'));
  checkPodMtu(n, ciliumOverhead(n), "Cilium's", issues);
}

export const ciliumModule: CniModule<ResolvedCiliumCni> = {
  type: 'cilium',
  displayName: (n: CiliumNetwork) => `Cilium ${n.spec.cni.version ?? VERSIONS.cilium.version} (${n.spec.cni.routingMode === 'native' ? 'native routing' : n.spec.cni.tunnelProtocol})`,
  podAddressing: (n: CiliumNetwork) => (n.spec.cni.ipam.mode === 'cluster-pool' ? 'cni-ipam' : 'node-cidr'),
  podMtu: (n: CiliumNetwork) => n.spec.nodes.mtu - ciliumOverhead(n),
  validate: validateCilium,
  build(scope, n: CiliumNetwork) {
    new Cilium(scope, 'cilium', ciliumProps(n));
  },
  nodeTraffic(n: CiliumNetwork): NodeTrafficRule[] {
    const cni = n.spec.cni;
    const rules: NodeTrafficRule[] = [];
    if (ciliumTunnels(n)) {
      const what = cni.routingMode === 'tunnel' ? 'overlay' : 'tunnel (egress gateway redirect)';
      rules.push({ protocol: 'udp', fromPort: cni.tunnelPort ?? CILIUM_PORTS[cni.tunnelProtocol], description: `Cilium ${cni.tunnelProtocol === 'vxlan' ? 'VXLAN' : 'Geneve'} ${what}` });
    }
    const lb = cni.loadBalancer;
    if (cni.kubeProxyReplacement && (lb?.mode === 'dsr' || lb?.mode === 'hybrid')) {
      // DSR forwards client packets to the backend's node: Geneve dispatch over UDP 6081, IPIP dispatch as IP protocol 4.
      if (lb.dsrDispatch === 'geneve' && cni.routingMode === 'native') rules.push({ protocol: 'udp', fromPort: CILIUM_PORTS.geneve, description: 'Cilium DSR (Geneve dispatch)' });
      if (lb.dsrDispatch === 'ipip') rules.push({ protocol: '4', description: 'Cilium DSR (IPIP dispatch)' });
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
    const poolRow = (family: 'IPv4' | 'IPv6', list: readonly string[], mask: number) => ({
      label: `Cilium IPAM (${family})`,
      value: `cluster-pool ${list.join(', ')} in /${mask} blocks (${list.reduce((sum, c) => sum + Cidr.of(c).countBlocks(mask), 0n)} nodes, ${ciliumPodAddresses(family, mask)} pod addresses each)`,
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
      {
        label: 'Cilium routing',
        value:
          cni.routingMode === 'native'
            ? `native (${[cni.ipv4NativeRoutingCIDR, cni.ipv6NativeRoutingCIDR].filter(Boolean).join(', ')})`
            : `tunnel (${cni.tunnelProtocol}${ciliumUnderlay(n) === 'ipv6' ? ' over IPv6' : ''})`,
      },
      { label: 'Kube-proxy replacement', value: cni.kubeProxyReplacement ? `yes (API server ${cni.k8sServiceHost}:${cni.k8sServicePort})` : 'no' },
      { label: 'Encryption', value: cni.encryption?.enabled ? cni.encryption.type : 'none' },
      ...datapathRow(cni),
    ];
  },
};
