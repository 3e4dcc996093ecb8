/** kube-router's rules, from its code and docs at v2.11.1 (cloudnativelabs/kube-router). */
import { defineRule } from '../../rules/rule';

const AT = 'cloudnativelabs/kube-router@v2.11.1';
/** AS numbers kube-router accepts for a global peer (pkg/bgp/peer_config.go validatePeerConfigs). */
export const PEER_ASN_RANGES: ReadonlyArray<readonly [number, number]> = [
  [1, 23455],
  [23457, 63999],
  [64512, 65534],
  [131072, 4199999999],
  [4200000000, 4294967294],
];
/** AS numbers kube-router accepts for `--cluster-asn` (network_routes_controller.go). */
export const CLUSTER_ASN_RANGES: ReadonlyArray<readonly [number, number]> = [
  [64512, 65535],
  [4200000000, 4294967294],
];
const ranges = (r: ReadonlyArray<readonly [number, number]>) => r.map(([a, b]) => `${a}-${b}`).join(', ');

export const KUBE_ROUTER_RULES = {
  clusterAsnRange: defineRule<{ asn: number }>({
    id: 'kube-router/cluster-asn-range',
    severity: 'error',
    path: 'spec.cni.clusterAsn',
    summary: 'The cluster ASN must be a private ASN (64512-65535 or 4200000000-4294967294); kube-router refuses to start otherwise.',
    source: { upstream: `${AT} pkg/controllers/routing/network_routes_controller.go (NewNetworkRoutingController: "invalid ASN number for cluster ASN")` },
    message: ({ asn }) => `${asn} is not a private AS number kube-router accepts for the cluster (allowed: ${ranges(CLUSTER_ASN_RANGES)})`,
  }),
  peerAsnReserved: defineRule<{ asn: number }>({
    id: 'kube-router/peer-asn-reserved',
    severity: 'error',
    path: 'spec.cni.peers[*].asn',
    summary: 'A peer ASN must not be reserved (0, 23456 AS_TRANS, 64000-64511, 65535, 65536-131071, 4294967295); kube-router refuses the peer list otherwise.',
    source: { upstream: `${AT} pkg/bgp/peer_config.go (validatePeerConfigs: "reserved ASN number ... for global BGP peer")` },
    message: ({ asn }) => `${asn} is a reserved AS number (allowed: ${ranges(PEER_ASN_RANGES)})`,
  }),
  peerIpInvalid: defineRule<{ ip: string }>({
    id: 'kube-router/peer-ip-invalid',
    severity: 'error',
    path: 'spec.cni.peers[*].ip',
    summary: 'A peer address must be an IP address (--peer-router-ips is an IP list; kube-router fails to parse its flags otherwise).',
    source: { upstream: `${AT} pkg/options/options.go (PeerRouters: fs.IPSliceVar "peer-router-ips")` },
    message: ({ ip }) => `"${ip}" is not an IP address (allowed: an IPv4 or IPv6 address, e.g. 192.168.1.1)`,
  }),
  onePeerPerIp: defineRule<{ ip: string; first: number }>({
    id: 'kube-router/one-asn-per-peer-ip',
    severity: 'error',
    path: 'spec.cni.peers[*].ip',
    summary: 'Each peer IP appears once, with one ASN: GoBGP refuses to add a neighbor twice ("can\'t overwrite the existing peer"), and kube-router then fails to start its BGP server.',
    source: { upstream: `${AT} pkg/controllers/routing/bgp_peers.go (connectToExternalBGPPeers) and network_routes_controller.go (startBgpServer: "failed to peer with Global Peer Router(s)")` },
    message: ({ ip, first }) => `${ip} is already spec.cni.peers[${first}] (allowed: each router once, with one asn)`,
  }),
  passwordPerPeer: defineRule({
    id: 'kube-router/password-per-peer',
    severity: 'error',
    path: 'spec.cni.peerPasswordsSecret',
    summary: 'Peer passwords come one per peer: a passwords file without peers is refused (the number of passwords must be zero or one per peer router).',
    source: { upstream: `${AT} pkg/bgp/peer_config.go (validatePeerConfigs: "The number of passwords should either be zero, or one per peer router")` },
    message: () => 'is set but spec.cni.peers is empty, and kube-router needs exactly one password entry per peer (allowed: peers, one comma-separated base64 entry each in the Secret, or no peerPasswordsSecret)',
  }),
  routerRequired: defineRule({
    id: 'kube-router/router-required',
    severity: 'error',
    path: 'spec.cni.runRouter',
    summary: 'As the primary CNI, kube-router must run its router: the routing controller writes each node\'s pod CIDR into the bridge plugin\'s IPAM; without it pods get no addresses.',
    source: { upstream: `${AT} pkg/controllers/routing/network_routes_controller.go (initCNIConfig: inserts the node pod CIDRs into the CNI conf ipam ranges)` },
    message: () => 'false leaves kube-router without pod networking: only its routing controller fills the node pod CIDR into 10-kuberouter.conflist (allowed: true; the firewall-only and proxy-only manifests run next to another CNI, which this spec does not describe)',
  }),
  serviceProxyApiServer: defineRule({
    id: 'kube-router/service-proxy-api-server',
    severity: 'error',
    path: 'spec.cni.k8sServiceHost',
    summary: 'The service proxy needs the API server address: the kubeadm all-features manifest reads it from kube-proxy\'s kubeconfig, which does not exist once kube-proxy is removed, and the kubernetes Service IP only works once kube-router itself proxies it.',
    source: { upstream: `${AT} daemonset/kubeadm-kuberouter-all-features.yaml (--kubeconfig from the kube-proxy ConfigMap) and docs/kubeadm.md (remove kube-proxy)` },
    message: () => 'is required with spec.cni.runServiceProxy (allowed: the API server host, e.g. the control-plane address; kube-proxy, whose kubeconfig the upstream manifest borrows, is removed)',
  }),
  apiServerUnused: defineRule({
    id: 'kube-router/api-server-unused',
    severity: 'warning',
    path: 'spec.cni.k8sServiceHost',
    summary: 'k8sServiceHost is used only with the service proxy; otherwise kube-router uses the in-cluster config.',
    source: { opinion: 'a setting that has no effect usually means the user expected the service proxy to be on' },
    message: () => 'is set but spec.cni.runServiceProxy is false, so it is not used (kube-router uses the in-cluster config while kube-proxy serves the kubernetes Service)',
  }),
  kubeProxyRemoved: defineRule({
    id: 'kube-router/service-proxy-replaces-kube-proxy',
    severity: 'warning',
    path: 'spec.cni.runServiceProxy',
    summary: 'With the service proxy kube-proxy must be gone: kubeadm skips its kube-proxy phase; on a running cluster delete the kube-proxy DaemonSet and run `kube-proxy --cleanup` on every node.',
    source: { upstream: `${AT} docs/kubeadm.md and docs/user-guide.md (kube-proxy and kube-router's IPVS proxy conflict; run kube-proxy --cleanup)` },
    message: () => 'true replaces kube-proxy: the kubeadm config skips its kube-proxy phase; on a cluster that already runs kube-proxy, delete its DaemonSet and run `kube-proxy --cleanup` on every node before applying',
  }),
  ipv6RouterId: defineRule({
    id: 'kube-router/ipv6-router-id',
    severity: 'error',
    path: 'spec.cni.routerId',
    summary: 'With IPv6 as the primary family kube-router cannot derive a BGP router ID from the node address and needs --router-id.',
    source: { upstream: `${AT} pkg/bgp/id.go ("router-id must be specified when primary node IP is an IPv6 address"; "generate" derives one with FNV)` },
    message: () => 'is required when spec.ipFamilies[0] is IPv6 (allowed: an IPv4 address, or `generate` for a hash of the node address)',
  }),
  fullMeshNodeAsn: defineRule({
    id: 'kube-router/no-full-mesh-node-asn',
    severity: 'warning',
    path: 'spec.cni.nodesFullMesh',
    summary: 'Without the full mesh every node needs the kube-router.io/node.asn annotation, or its BGP server does not start.',
    source: { upstream: `${AT} docs/bgp.md (node-specific ASN: kube-router.io/node.asn) and pkg/controllers/routing/network_routes_controller.go` },
    message: () => 'false: annotate every node with kube-router.io/node.asn (and route reflectors with kube-router.io/rr.server / rr.client), or kube-router does not start its BGP server',
  }),
  encapPortUnused: defineRule<{ port: number }>({
    id: 'kube-router/overlay-encap-port-unused',
    severity: 'warning',
    path: 'spec.cni.overlayEncapPort',
    summary: '--overlay-encap-port is used only with fou encapsulation.',
    source: { upstream: `${AT} pkg/options/options.go ("overlay-encap-port": only used for "fou" encapsulation)` },
    message: ({ port }) => `${port} has no effect unless spec.cni.overlayEncap is fou (and spec.cni.enableOverlay is true)`,
  }),
};
