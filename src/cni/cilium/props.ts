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

/** Hubble (Helm `hubble.*`). */
export interface CiliumHubbleProps {
  /** `hubble.enabled`. @default true */
  readonly enabled?: boolean;
  /** `hubble.relay.enabled`. @default false */
  readonly relay?: boolean;
  /** `hubble.ui.enabled`. @default false */
  readonly ui?: boolean;
}

/** The Cilium install: the chart's values that this library exposes, with the chart's names and defaults. */
export interface CiliumProps extends ImageOptions {
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
  /** `ipv4NativeRoutingCIDR`. @default - none */
  readonly ipv4NativeRoutingCIDR?: string;
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
