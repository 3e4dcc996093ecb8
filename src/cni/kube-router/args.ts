/** kube-router's command line from {@link KubeRouterProps}: the kubeadm manifests' four flags first, then the rest. */
import type { KubeRouterProps } from './props';

/** Where the kubeconfig is mounted (kubeadm-kuberouter-all-features.yaml). */
export const KUBE_ROUTER_KUBECONFIG_DIR = '/var/lib/kube-router';
/** Where the peer password Secret is mounted; the file is `--peer-router-passwords-file`. */
export const KUBE_ROUTER_PEER_PASSWORDS_DIR = '/etc/kube-router-peer-passwords';
export const KUBE_ROUTER_PEER_PASSWORDS_FILE = 'peer-router-passwords';

/** kube-router's defaults (pkg/options/options.go): flags at these values are not written. */
export const KUBE_ROUTER_DEFAULTS = {
  bgpPort: 179,
  overlayEncapPort: 5555,
  serviceClusterIpRange: '10.96.0.0/12',
  healthPort: 20244,
  clusterAsn: 64512,
} as const;

const on = (name: string, value: boolean | undefined, dflt: boolean): string[] => ((value ?? dflt) === dflt ? [] : [`--${name}=${value}`]);

/** The container args for `props`. */
export function kubeRouterArgs(props: KubeRouterProps): string[] {
  const peers = props.peers ?? [];
  const encap = props.overlayEncap ?? 'ipip';
  return [
    // Written always, as both kubeadm manifests do.
    `--run-router=${props.runRouter ?? true}`,
    `--run-firewall=${props.runFirewall ?? true}`,
    `--run-service-proxy=${props.runServiceProxy ?? false}`,
    `--bgp-graceful-restart=${props.bgpGracefulRestart ?? true}`,
    ...(props.runServiceProxy ? [`--kubeconfig=${KUBE_ROUTER_KUBECONFIG_DIR}/kubeconfig`] : []),
    // The rest only where it differs from kube-router's default.
    ...on('enable-ipv4', props.enableIpv4, true),
    ...on('enable-ipv6', props.enableIpv6, false),
    ...(props.serviceClusterIpRanges ?? []).map((r) => `--service-cluster-ip-range=${r}`),
    ...on('enable-overlay', props.enableOverlay, true),
    ...((props.overlayType ?? 'subnet') !== 'subnet' ? [`--overlay-type=${props.overlayType}`] : []),
    ...(encap !== 'ipip' ? [`--overlay-encap=${encap}`] : []),
    ...(encap === 'fou' && (props.overlayEncapPort ?? KUBE_ROUTER_DEFAULTS.overlayEncapPort) !== KUBE_ROUTER_DEFAULTS.overlayEncapPort ? [`--overlay-encap-port=${props.overlayEncapPort}`] : []),
    ...on('enable-ibgp', props.enableIbgp, true),
    ...on('nodes-full-mesh', props.nodesFullMesh, true),
    ...(props.clusterAsn !== undefined ? [`--cluster-asn=${props.clusterAsn}`] : []),
    ...(props.routerId !== undefined ? [`--router-id=${props.routerId}`] : []),
    ...(peers.length > 0
      ? [
          `--peer-router-ips=${peers.map((p) => p.ip).join(',')}`,
          `--peer-router-asns=${peers.map((p) => p.asn).join(',')}`,
          ...(peers.some((p) => p.port !== undefined && p.port !== KUBE_ROUTER_DEFAULTS.bgpPort)
            ? [`--peer-router-ports=${peers.map((p) => p.port ?? KUBE_ROUTER_DEFAULTS.bgpPort).join(',')}`]
            : []),
        ]
      : []),
    ...(props.peerPasswordsSecret ? [`--peer-router-passwords-file=${KUBE_ROUTER_PEER_PASSWORDS_DIR}/${KUBE_ROUTER_PEER_PASSWORDS_FILE}`] : []),
    ...on('advertise-cluster-ip', props.advertiseClusterIp, false),
    ...on('advertise-external-ip', props.advertiseExternalIp, false),
    ...on('advertise-loadbalancer-ip', props.advertiseLoadbalancerIp, false),
    ...((props.metricsPort ?? 0) !== 0 ? [`--metrics-port=${props.metricsPort}`] : []),
  ];
}
