import type { ImageOptions } from '../common/images';

/** Cilium IPAM settings (Helm `ipam.*`). */
export interface CiliumIpamProps {
  /** `ipam.mode`. @default 'cluster-pool' */
  readonly mode?: 'cluster-pool' | 'kubernetes';
  /** `ipam.operator.clusterPoolIPv4PodCIDRList`. @default ['10.0.0.0/8'] */
  readonly clusterPoolIPv4PodCIDRList?: readonly string[];
  /** `ipam.operator.clusterPoolIPv4MaskSize`. @default 24 */
  readonly clusterPoolIPv4MaskSize?: number;
  /** `ipam.operator.clusterPoolIPv6PodCIDRList` (used when `ipv6` is enabled). @default ['fd00::/104'] */
  readonly clusterPoolIPv6PodCIDRList?: readonly string[];
  /** `ipam.operator.clusterPoolIPv6MaskSize`. @default 120 */
  readonly clusterPoolIPv6MaskSize?: number;
}

/** Transparent encryption (Helm `encryption.*`). */
export interface CiliumEncryptionProps {
  /** `encryption.type`. @default 'ipsec' */
  readonly type: 'wireguard' | 'ipsec';
  /** `encryption.ipsec.secretName`: the Secret holding the IPsec key (mounted, never copied). @default 'cilium-ipsec-keys' */
  readonly ipsecSecretName?: string;
}

/** cert-manager issuer reference (Helm `hubble.tls.auto.certManagerIssuerRef`, cert-manager `spec.issuerRef`). */
export interface CertManagerIssuerRef {
  /** `group`. @default 'cert-manager.io' (cert-manager's own default) */
  readonly group?: string;
  /** `kind`: `Issuer` (in the install namespace) or `ClusterIssuer`. @default 'Issuer' (cert-manager's own default) */
  readonly kind?: string;
  /** `name` of the Issuer or ClusterIssuer. */
  readonly name: string;
}

/** In-cluster generation of Hubble's TLS certificates (Helm `hubble.tls.auto.*`). */
export interface HubbleTlsAutoProps {
  /**
   * `hubble.tls.auto.method`: `cronJob` (cilium-certgen Job and CronJob) or `certmanager` (cert-manager Certificates).
   * The chart's default `helm` makes keys at render time and is not offered: no key material is ever synthesized.
   */
  readonly method: 'cronJob' | 'certmanager';
  /** `hubble.tls.auto.certValidityDuration`, in days. @default 365 */
  readonly certValidityDuration?: number;
  /** `hubble.tls.auto.schedule`: when the CronJob renews (method cronJob). @default '0 0 1 *' + '/4 *' (every four months) */
  readonly schedule?: string;
  /** `hubble.tls.auto.certManagerIssuerRef` (required with method certmanager). @default - none */
  readonly certManagerIssuerRef?: CertManagerIssuerRef;
}

/** Hubble (Helm `hubble.*`). */
export interface CiliumHubbleProps {
  /** `hubble.enabled`. @default true */
  readonly enabled?: boolean;
  /** `hubble.relay.enabled`. @default false */
  readonly relay?: boolean;
  /** `hubble.ui.enabled`. @default false */
  readonly ui?: boolean;
  /**
   * `hubble.tls.auto`: how Hubble's certificates are made. Without it the Secrets `hubble-server-certs` and
   * `hubble-relay-client-certs` must be created by hand (the chart's `tls-provided` way).
   * @default - certificates provided by hand
   */
  readonly tls?: { readonly auto?: HubbleTlsAutoProps };
}

/** Service load balancing of the kube-proxy replacement (Helm `loadBalancer.*`). */
export interface CiliumLoadBalancerProps {
  /** `loadBalancer.mode` (`bpf-lb-mode`): snat, dsr, or hybrid (DSR for TCP, SNAT for UDP). @default - not written; the agent uses snat */
  readonly mode?: 'snat' | 'dsr' | 'hybrid';
  /** `loadBalancer.dsrDispatch` (`bpf-lb-dsr-dispatch`): opt, ipip, or geneve (required with tunnel routing). @default - not written; the agent uses opt */
  readonly dsrDispatch?: 'opt' | 'ipip' | 'geneve';
}

/** Socket-level load balancing (Helm `socketLB.*`). */
export interface CiliumSocketLbProps {
  /** `socketLB.enabled` (`bpf-lb-sock`). The kube-proxy replacement turns it on regardless. @default false */
  readonly enabled?: boolean;
  /** `socketLB.hostNamespaceOnly` (`bpf-lb-sock-hostns-only`, written only when set). @default - not written (false) */
  readonly hostNamespaceOnly?: boolean;
}

/** The eBPF bandwidth manager (Helm `bandwidthManager.*`). */
export interface CiliumBandwidthManagerProps {
  /** `bandwidthManager.enabled`. @default false */
  readonly enabled?: boolean;
  /** `bandwidthManager.bbr`: BBR congestion control for Pods (needs BPF host routing). @default false */
  readonly bbr?: boolean;
}

/** The chart values for the datapath knobs users reach for first; spec and props spell them the same. */
export interface CiliumDatapathProps {
  /** `bpf.masquerade` (`enable-bpf-masquerade`, written only when set). @default - not written; iptables masquerading */
  readonly bpf?: { readonly masquerade?: boolean };
  readonly loadBalancer?: CiliumLoadBalancerProps;
  /** `devices`: interfaces that run the eBPF datapath (joined with spaces). @default - not written; the agent detects them */
  readonly devices?: readonly string[];
  readonly socketLB?: CiliumSocketLbProps;
  readonly bandwidthManager?: CiliumBandwidthManagerProps;
  /** `egressGateway.enabled` (needs `bpf.masquerade`). @default false */
  readonly egressGateway?: { readonly enabled?: boolean };
  /**
   * `extraConfig`: extra `cilium-config` keys, merged last as the chart does. Keys this library models are refused (set
   * the typed field instead). @default - none
   */
  readonly extraConfig?: Readonly<Record<string, string>>;
}

/** The Cilium install: the chart's values that this library exposes, with the chart's names and defaults. */
export interface CiliumProps extends ImageOptions, CiliumDatapathProps {
  /** Namespace of the install (the Helm release namespace). @default 'kube-system' */
  readonly namespace?: string;
  /** Cilium image tag for the agent and operator (drops the pinned digests). @default VERSIONS.cilium.version */
  readonly version?: string;
  /** `ipv4.enabled`. @default true */
  readonly ipv4?: boolean;
  /** `ipv6.enabled`. @default false */
  readonly ipv6?: boolean;
  readonly ipam?: CiliumIpamProps;
  /** `routingMode`. @default 'tunnel' */
  readonly routingMode?: 'tunnel' | 'native';
  /** `tunnelProtocol`. @default 'vxlan' */
  readonly tunnelProtocol?: 'vxlan' | 'geneve';
  /** `tunnelPort` (not written when unset: the agent uses 8472 for VXLAN, 6081 for Geneve). @default - protocol default */
  readonly tunnelPort?: number;
  /** `underlayProtocol`: IP family of the tunnel underlay (`underlay-protocol`, written only when set). @default - the agent's default, ipv4 */
  readonly underlayProtocol?: 'ipv4' | 'ipv6';
  /** `ipv4NativeRoutingCIDR`. @default - none */
  readonly ipv4NativeRoutingCIDR?: string;
  /** `ipv6NativeRoutingCIDR` (required by the chart with native routing and IPv6). @default - none */
  readonly ipv6NativeRoutingCIDR?: string;
  /** `autoDirectNodeRoutes`. @default false */
  readonly autoDirectNodeRoutes?: boolean;
  /** `kubeProxyReplacement`. @default false */
  readonly kubeProxyReplacement?: boolean;
  /** `k8sServiceHost`: set as KUBERNETES_SERVICE_HOST on the agent, operator and Envoy. @default - in-cluster service */
  readonly k8sServiceHost?: string;
  /** `k8sServicePort`. @default - in-cluster service */
  readonly k8sServicePort?: number;
  /** `encryption` (enabled when set). @default - no encryption */
  readonly encryption?: CiliumEncryptionProps;
  readonly hubble?: CiliumHubbleProps;
  /** `policyEnforcementMode`. @default 'default' */
  readonly policyEnforcementMode?: 'default' | 'always' | 'never';
  /** `operator.replicas`: operator Deployment replicas (leader-elected; more than one needs as many nodes). @default 2 */
  readonly operatorReplicas?: number;
  /** `cluster.name`. @default 'default' */
  readonly clusterName?: string;
}
