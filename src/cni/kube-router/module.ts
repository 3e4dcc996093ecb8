/** kube-router as a `spec.cni` type: spec → props, checks, MTU, node traffic, kube-proxy replacement, plan rows. */
import type { CniModule, NetworkWith, NodeTrafficRule } from '../common/cni-module';
import { VERSIONS } from '../common/versions';
import { KUBE_ROUTER_DEFAULTS } from './args';
import { validateKubeRouter } from './checks';
import { KUBE_ROUTER_HEALTH_PORT, KubeRouter } from './kube-router';
import type { KubeRouterProps } from './props';
import type { ResolvedKubeRouterCni } from './spec';

type KubeRouterNetwork = NetworkWith<ResolvedKubeRouterCni>;

/** The props the spec maps to (also used by tests and the plan). */
export function kubeRouterProps(n: KubeRouterNetwork): KubeRouterProps {
  const { cni, ipFamilies, services } = n.spec;
  const ranges = services.cidrs;
  return {
    version: cni.version,
    imageRegistry: cni.imageRegistry,
    runRouter: cni.runRouter,
    runFirewall: cni.runFirewall,
    runServiceProxy: cni.runServiceProxy,
    ...(cni.runServiceProxy && cni.k8sServiceHost ? { apiServer: { host: cni.k8sServiceHost, port: cni.k8sServicePort } } : {}),
    enableOverlay: cni.enableOverlay,
    overlayType: cni.overlayType,
    overlayEncap: cni.overlayEncap,
    overlayEncapPort: cni.overlayEncapPort,
    enableIbgp: cni.enableIbgp,
    nodesFullMesh: cni.nodesFullMesh,
    clusterAsn: cni.clusterAsn,
    peers: cni.peers,
    peerPasswordsSecret: cni.peerPasswordsSecret,
    bgpGracefulRestart: cni.bgpGracefulRestart,
    advertiseClusterIp: cni.advertiseClusterIp,
    advertiseExternalIp: cni.advertiseExternalIp,
    advertiseLoadbalancerIp: cni.advertiseLoadbalancerIp,
    metricsPort: cni.metricsPort,
    // --service-cluster-ip-range from spec.services, written when it is not kube-router's default.
    ...(ranges.length === 1 && ranges[0] === KUBE_ROUTER_DEFAULTS.serviceClusterIpRange ? {} : { serviceClusterIpRanges: ranges }),
    enableIpv4: ipFamilies.includes('IPv4'),
    enableIpv6: ipFamilies.includes('IPv6'),
    routerId: cni.routerId,
  };
}

function overlayOf(cni: ResolvedKubeRouterCni): string {
  if (!cni.enableOverlay) return 'off (routed)';
  return `${cni.overlayEncap === 'fou' ? `FoU (UDP ${cni.overlayEncapPort})` : 'IPIP'} ${cni.overlayType === 'full' ? 'to every node' : 'across subnets'}`;
}

export const kubeRouterModule: CniModule<ResolvedKubeRouterCni> = {
  type: 'kube-router',
  displayName: (n: KubeRouterNetwork) => `kube-router ${n.spec.cni.version ?? VERSIONS['kube-router'].version}`,
  podAddressing: () => 'node-cidr',
  // --auto-mtu (default on) gives kube-bridge and pods the MTU of the node interface; the kernel's IPIP tunnel
  // device takes its own 20 bytes (SOURCES.md "MTU"; pkg/utils/node.go GetNodeMTU).
  podMtu: (n: KubeRouterNetwork) => n.spec.nodes.mtu,
  validate: validateKubeRouter,
  build(scope, n: KubeRouterNetwork) {
    new KubeRouter(scope, 'kube-router', kubeRouterProps(n));
  },
  nodeTraffic(n: KubeRouterNetwork): NodeTrafficRule[] {
    const cni = n.spec.cni;
    const overlay = cni.runRouter && cni.enableOverlay;
    return [
      ...(cni.runRouter ? [{ protocol: 'tcp', fromPort: KUBE_ROUTER_DEFAULTS.bgpPort, description: 'kube-router BGP between nodes' }] : []),
      { protocol: 'tcp', fromPort: KUBE_ROUTER_HEALTH_PORT, description: 'kube-router health (liveness probe)' },
      ...(cni.metricsPort !== 0 ? [{ protocol: 'tcp', fromPort: cni.metricsPort, description: 'kube-router Prometheus metrics' }] : []),
      ...(overlay && cni.overlayEncap === 'ipip' ? [{ protocol: '4', description: 'kube-router IPIP overlay' }] : []),
      ...(overlay && cni.overlayEncap === 'fou' ? [{ protocol: 'udp', fromPort: cni.overlayEncapPort, description: 'kube-router FoU overlay (IPIP in UDP)' }] : []),
    ];
  },
  replacesKubeProxy: (n: KubeRouterNetwork) => n.spec.cni.runServiceProxy,
  kubeProxyReplacementPath: 'spec.cni.runServiceProxy',
  // Nodes in one subnet exchange pod traffic unencapsulated unless the overlay is `full`.
  routesNatively: (n: KubeRouterNetwork) => n.spec.cni.runRouter && (!n.spec.cni.enableOverlay || n.spec.cni.overlayType === 'subnet'),
  planRows(n: KubeRouterNetwork) {
    const cni = n.spec.cni;
    const on = [cni.runRouter && 'router', cni.runFirewall && 'firewall', cni.runServiceProxy && 'service proxy (replaces kube-proxy)'].filter(Boolean);
    return [
      { label: 'kube-router controllers', value: on.join(', ') },
      { label: 'kube-router overlay', value: overlayOf(cni) },
      {
        label: 'kube-router BGP',
        value: `AS ${cni.clusterAsn ?? KUBE_ROUTER_DEFAULTS.clusterAsn}, ${cni.enableIbgp ? (cni.nodesFullMesh ? 'iBGP full mesh' : 'iBGP by node.asn annotation') : 'no iBGP'}, ${cni.peers.length} external peer(s)${cni.peerPasswordsSecret ? ` (passwords from Secret ${cni.peerPasswordsSecret.name})` : ''}`,
      },
    ];
  },
};
