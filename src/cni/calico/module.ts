/** Calico as a `spec.cni` type: spec → props, Calico checks, node traffic, plan rows. */
import type { IssueCollector } from '../../spec/issues';
import type { BuildContext, CniModule, NetworkWith, NodeTrafficRule } from '../common/cni-module';
import { fmt } from '../common/format';
import { VERSIONS } from '../common/versions';
import { Calico } from './calico';
import { validateCalico } from './checks';
import { Cidr } from '../../plan/cidr';
import { defaultAutodetectionMethod, type CalicoIpAutodetectionMethod } from './ip-autodetection';
import { blockAddresses, calicoOverhead, encapsulations, resolvePools } from './pools';
import type { CalicoBgpPeer, CalicoIpPool, CalicoProps } from './props';
import type { ResolvedCalicoCni } from './spec';
import { TYPHA_PORT } from './typha';

type CalicoNetwork = NetworkWith<ResolvedCalicoCni>;

/** Felix's WireGuard ports: `wireguardListeningPort` (IPv4) and the independent `wireguardListeningPortV6`. */
export const WIREGUARD_PORT = 51820;
export const WIREGUARD_PORT_V6 = 51821;

/** Nodes above which upstream recommends Typha (calico-typha.yaml: "more than 50 nodes"). */
export const TYPHA_NODE_THRESHOLD = 50;

/** Whether Typha runs: as the spec says, else when the cluster may grow beyond 50 nodes. */
export function typhaEnabled(n: CalicoNetwork): boolean {
  return n.spec.cni.typha.enabled ?? n.spec.nodes.maxCount > TYPHA_NODE_THRESHOLD;
}

/** Typha replicas: as the spec says, else one per 200 nodes and at least 3 (upstream advice), never more than nodes. */
export function typhaReplicas(n: CalicoNetwork): number {
  const { count, maxCount } = n.spec.nodes;
  return n.spec.cni.typha.replicas ?? Math.min(count, Math.max(3, Math.ceil(maxCount / 200)));
}

/** Maps a validated Calico spec to construct props. */
export function calicoProps(n: CalicoNetwork, ctx?: BuildContext): CalicoProps {
  const cni = n.spec.cni;
  const bgp = cni.bgp;
  const families = n.spec.ipFamilies;
  // Spec CIDRs reach the manifests only in canonical form (validation has parsed every one).
  const canonical = (text: string) => Cidr.of(text).toString();
  const pools: CalicoIpPool[] = resolvePools(n).map((p) => ({
    name: p.name,
    cidr: canonical(p.cidr),
    blockSize: p.blockSize,
    ipipMode: p.ipipMode,
    vxlanMode: p.vxlanMode,
    natOutgoing: p.natOutgoing,
    nodeSelector: p.nodeSelector,
    ...(p.disabled ? { disabled: true } : {}),
    ...(p.disableBGPExport ? { disableBGPExport: true } : {}),
  }));
  const ranges = (cidrs?: string[]) => (cidrs && cidrs.length > 0 ? cidrs.map((cidr) => ({ cidr: canonical(cidr) })) : undefined);
  const peers: CalicoBgpPeer[] = bgp.peers.map((p) => ({
    name: p.name,
    ...(p.nodeSelector !== undefined ? { nodeSelector: p.nodeSelector } : {}),
    ...(p.peerIP !== undefined ? { peerIP: p.peerIP } : {}),
    ...(p.asNumber !== undefined ? { asNumber: p.asNumber } : {}),
    ...(p.peerSelector !== undefined ? { peerSelector: p.peerSelector } : {}),
    ...(p.password ? { password: { secretKeyRef: { name: p.password.secretName, key: p.password.key } } } : {}),
    ...(p.filters && p.filters.length > 0 ? { filters: p.filters } : {}),
  }));
  // Validation has checked the methods the way calico-node parses them.
  const method = (given: string | undefined, family: 'IPv4' | 'IPv6') =>
    (given as CalicoIpAutodetectionMethod | undefined) ?? defaultAutodetectionMethod(n.spec.nodes.cidrs, family);
  return {
    version: cni.version,
    imageRegistry: cni.imageRegistry,
    backend: bgp.enabled ? 'bird' : 'vxlan',
    vethMtu: n.spec.nodes.mtu - calicoOverhead(n),
    ipv6: families.includes('IPv6'),
    ipv4Disabled: !families.includes('IPv4'),
    ipPools: pools,
    ...(cni.ipam.strictAffinity ? { ipamConfig: { strictAffinity: true } } : {}),
    bgpConfiguration: bgp.enabled
      ? {
          asNumber: bgp.asNumber,
          nodeToNodeMeshEnabled: bgp.nodeToNodeMeshEnabled,
          serviceClusterIPs: ranges(bgp.serviceClusterIPs),
          serviceExternalIPs: ranges(bgp.serviceExternalIPs),
          serviceLoadBalancerIPs: ranges(bgp.serviceLoadBalancerIPs),
        }
      : undefined,
    bgpPeers: peers,
    bgpFilters: bgp.filters,
    ipAutodetectionMethod: method(cni.ipAutodetectionMethod, 'IPv4'),
    ip6AutodetectionMethod: method(cni.ip6AutodetectionMethod, 'IPv6'),
    felixConfiguration: cni.felix,
    kubernetesServiceEndpoint: cni.kubernetesServiceEndpoint,
    typhaReplicas: typhaEnabled(n) ? typhaReplicas(n) : undefined,
    crdScope: ctx?.crdScope(),
    argoSyncWaves: ctx?.argoSyncWaves,
  };
}

function modeSummary(n: CalicoNetwork): string {
  const e = encapsulations(n);
  const used = (families: readonly string[], name: string) => (families.length > 0 ? [name] : []);
  const parts = [n.spec.cni.bgp.enabled ? 'BGP' : 'no BGP', ...used(e.ipip, 'IPIP'), ...used(e.vxlan, 'VXLAN'), ...used(e.wireguard, 'WireGuard')];
  return parts.join(', ');
}

export const calicoModule: CniModule<ResolvedCalicoCni> = {
  type: 'calico',
  displayName: (n: CalicoNetwork) => `Calico ${n.spec.cni.version ?? VERSIONS.calico.version} (${modeSummary(n)})`,
  podAddressing: () => 'cni-ipam',
  podMtu: (n: CalicoNetwork) => n.spec.nodes.mtu - calicoOverhead(n),
  validate(n: CalicoNetwork, issues: IssueCollector) {
    validateCalico(n, issues);
  },
  build(scope, n: CalicoNetwork, ctx) {
    new Calico(scope, 'calico', calicoProps(n, ctx));
  },
  nodeTraffic(n: CalicoNetwork): NodeTrafficRule[] {
    const e = encapsulations(n);
    const felix = n.spec.cni.felix;
    const wgPort = { IPv4: felix?.wireguardListeningPort ?? WIREGUARD_PORT, IPv6: felix?.wireguardListeningPortV6 ?? WIREGUARD_PORT_V6 };
    return [
      ...(n.spec.cni.bgp.enabled ? [{ protocol: 'tcp', fromPort: 179, description: 'Calico BGP (BIRD)' }] : []),
      ...(e.ipip.length > 0 ? [{ protocol: '4', description: 'Calico IP-in-IP overlay' }] : []),
      ...(e.vxlan.length > 0 ? [{ protocol: 'udp', fromPort: 4789, description: 'Calico VXLAN overlay' }] : []),
      ...(typhaEnabled(n) ? [{ protocol: 'tcp', fromPort: TYPHA_PORT, description: 'Calico Typha (Felix to Typha)' }] : []),
      ...e.wireguard.map((f) => ({ protocol: 'udp', fromPort: wgPort[f], description: `Calico WireGuard (${f})` })),
    ];
  },
  replacesKubeProxy: (n: CalicoNetwork) => n.spec.cni.felix?.bpfEnabled ?? false,
  kubeProxyReplacementPath: 'spec.cni.felix.bpfEnabled',
  routesNatively: (n: CalicoNetwork) => resolvePools(n).some((p) => !p.disabled && p.ipipMode !== 'Always' && p.vxlanMode !== 'Always'),
  planRows(n: CalicoNetwork) {
    const rows = resolvePools(n).map((p) => ({
      label: `Calico pool ${p.name}`,
      value: `${p.family ? Cidr.of(p.cidr).toString() : p.cidr}: ${p.family ? fmt(Cidr.of(p.cidr).countBlocks(p.blockSize)) : '?'} blocks of /${p.blockSize} (${fmt(blockAddresses(p))} addresses each), ipipMode ${p.ipipMode}, vxlanMode ${p.vxlanMode}${p.disabled ? ', disabled' : ''}`,
    }));
    const bgp = n.spec.cni.bgp;
    rows.push({ label: 'Calico backend', value: bgp.enabled ? `bird (AS ${bgp.asNumber}, mesh ${bgp.nodeToNodeMeshEnabled ? 'on' : 'off'}, ${bgp.peers.length} peer(s))` : 'vxlan (no BGP)' });
    rows.push({ label: 'Calico Typha', value: typhaEnabled(n) ? `${typhaReplicas(n)} replica(s)` : 'off' });
    return rows;
  },
};
