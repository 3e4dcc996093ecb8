import type { ImageOptions } from '../common/images';

/** A global BGP peer: one element each of `--peer-router-ips`, `--peer-router-asns` and `--peer-router-ports`. */
export interface KubeRouterPeer {
  /** The router's address. */
  readonly ip: string;
  /** Its AS number. */
  readonly asn: number;
  /** Its BGP port. @default 179 */
  readonly port?: number;
}

/** A key of a Secret in the kube-router namespace. */
export interface KubeRouterSecretKeyRef {
  readonly name: string;
  readonly key: string;
}

/** The API server kube-router reaches directly (without the `kubernetes` Service) when it is the service proxy. */
export interface KubeRouterApiServer {
  readonly host: string;
  /** @default 6443 */
  readonly port?: number;
}

/**
 * kube-router settings, named after its flags (pkg/options/options.go at v2.11.1). Defaults are those of
 * daemonset/kubeadm-kuberouter.yaml (router and firewall on, service proxy off, graceful restart on); flags left at
 * kube-router's own default are not written.
 */
export interface KubeRouterProps extends ImageOptions {
  /** Namespace of the install. @default 'kube-system' */
  readonly namespace?: string;
  /** Image tag. @default VERSIONS['kube-router'].version */
  readonly version?: string;
  /** `--run-router`. @default true */
  readonly runRouter?: boolean;
  /** `--run-firewall`. @default true */
  readonly runFirewall?: boolean;
  /**
   * `--run-service-proxy`: the IPVS proxy that replaces kube-proxy. Also turns on `hairpinMode` in the CNI config and
   * passes `--kubeconfig`, as kubeadm-kuberouter-all-features.yaml does.
   * @default false
   */
  readonly runServiceProxy?: boolean;
  /**
   * With the service proxy: the API server to write into kube-router's own kubeconfig (ConfigMap `kube-router-cfg`,
   * key `kubeconfig`, using the ServiceAccount token). Without it the kubeconfig comes from the `kube-proxy`
   * ConfigMap, as upstream's manifest does; that ConfigMap exists only if kubeadm's kube-proxy phase ran.
   * @default - the `kube-proxy` ConfigMap's `kubeconfig.conf`
   */
  readonly apiServer?: KubeRouterApiServer;
  /** `--enable-overlay`. @default true */
  readonly enableOverlay?: boolean;
  /** `--overlay-type`. @default 'subnet' */
  readonly overlayType?: 'subnet' | 'full';
  /** `--overlay-encap`. @default 'ipip' */
  readonly overlayEncap?: 'ipip' | 'fou';
  /** `--overlay-encap-port` (fou only). @default 5555 */
  readonly overlayEncapPort?: number;
  /** `--enable-ibgp`. @default true */
  readonly enableIbgp?: boolean;
  /** `--nodes-full-mesh`. @default true */
  readonly nodesFullMesh?: boolean;
  /** `--cluster-asn`. @default - kube-router uses 64512 */
  readonly clusterAsn?: number;
  /** Global BGP peers. @default - none */
  readonly peers?: readonly KubeRouterPeer[];
  /**
   * `--peer-router-passwords-file` from this Secret key (mounted read-only): base64 passwords separated by commas, one
   * per peer. @default - no passwords
   */
  readonly peerPasswordsSecret?: KubeRouterSecretKeyRef;
  /** `--bgp-graceful-restart`. @default true (as the kubeadm manifests; kube-router's own default is false) */
  readonly bgpGracefulRestart?: boolean;
  /** `--advertise-cluster-ip`. @default false */
  readonly advertiseClusterIp?: boolean;
  /** `--advertise-external-ip`. @default false */
  readonly advertiseExternalIp?: boolean;
  /** `--advertise-loadbalancer-ip`. @default false */
  readonly advertiseLoadbalancerIp?: boolean;
  /** `--metrics-port`; 0 is off. @default 0 */
  readonly metricsPort?: number;
  /** `--service-cluster-ip-range`, one flag per range (at most 2). @default - kube-router uses 10.96.0.0/12 */
  readonly serviceClusterIpRanges?: readonly string[];
  /** `--enable-ipv4`. @default true */
  readonly enableIpv4?: boolean;
  /** `--enable-ipv6`. @default false */
  readonly enableIpv6?: boolean;
  /** `--router-id`. @default - the node's IPv4 address */
  readonly routerId?: string;
}
