import type { CrdPlacementProps } from '../common/crd-definition';
import type { ImageOptions } from '../common/images';

/** `trafficEncapMode` of antrea-agent.conf. */
export type AntreaTrafficEncapMode = 'encap' | 'noEncap' | 'hybrid' | 'networkPolicyOnly';
/** `tunnelType` of antrea-agent.conf. */
export type AntreaTunnelType = 'geneve' | 'vxlan' | 'gre' | 'stt';
/** `trafficEncryptionMode` of antrea-agent.conf. */
export type AntreaTrafficEncryptionMode = 'none' | 'ipsec' | 'wireGuard';

/** A key of a Secret in Antrea's namespace. */
export interface AntreaSecretKeyRef {
  readonly name: string;
  readonly key: string;
}

/** AntreaProxy (`antreaProxy.*` of antrea-agent.conf). */
export interface AntreaProxyProps {
  /** `antreaProxy.enable`. @default true */
  readonly enable?: boolean;
  /** `antreaProxy.proxyAll`: also NodePort/LoadBalancer and host traffic (kube-proxy can be removed). @default false */
  readonly proxyAll?: boolean;
  /** `antreaProxy.skipServices`. @default - none */
  readonly skipServices?: readonly string[];
}

/** Antrea NodeIPAM (`nodeIPAM.*` of antrea-controller.conf); enabled when given. */
export interface AntreaNodeIpamProps {
  /** `nodeIPAM.clusterCIDRs`: at most one range per IP family. */
  readonly clusterCIDRs: readonly string[];
  /** `nodeIPAM.nodeCIDRMaskSizeIPv4`. @default 24 */
  readonly nodeCIDRMaskSizeIPv4?: number;
  /** `nodeIPAM.nodeCIDRMaskSizeIPv6`. @default 64 */
  readonly nodeCIDRMaskSizeIPv6?: number;
  /** `nodeIPAM.serviceCIDR`: excluded from allocation. @default - none */
  readonly serviceCIDR?: string;
  /** `nodeIPAM.serviceCIDRv6`. @default - none */
  readonly serviceCIDRv6?: string;
}

/** The Antrea install (antrea.yml v2.7.0): the chart values this library exposes, with upstream's names and defaults. */
export interface AntreaProps extends ImageOptions, CrdPlacementProps {
  /** Namespace of the install. @default 'kube-system' */
  readonly namespace?: string;
  /** Image tag of antrea-agent-ubuntu and antrea-controller-ubuntu. @default VERSIONS.antrea.version */
  readonly version?: string;
  /** `trafficEncapMode`. @default 'encap' */
  readonly trafficEncapMode?: AntreaTrafficEncapMode;
  /** `tunnelType`. @default 'geneve' */
  readonly tunnelType?: AntreaTunnelType;
  /** `tunnelPort`; 0 means the tunnel type's IANA port. @default 0 */
  readonly tunnelPort?: number;
  /** `trafficEncryptionMode`. @default 'none' */
  readonly trafficEncryptionMode?: AntreaTrafficEncryptionMode;
  /**
   * The IPsec pre-shared key (required with `trafficEncryptionMode: 'ipsec'`): set as ANTREA_IPSEC_PSK from this Secret
   * key. Upstream's antrea-ipsec.yml creates a Secret `antrea-ipsec` with a placeholder key; this library never writes
   * secrets. @default - none
   */
  readonly ipsecPskSecret?: AntreaSecretKeyRef;
  /** `wireGuard.port`. @default 51820 */
  readonly wireGuardPort?: number;
  /** `noSNAT`. @default false */
  readonly noSNAT?: boolean;
  /** `defaultMTU`; 0 lets the agent derive it from the transport interface. @default 0 */
  readonly defaultMTU?: number;
  readonly antreaProxy?: AntreaProxyProps;
  /** `kubeAPIServerOverride` of both conf files. @default - the kubernetes Service */
  readonly kubeAPIServerOverride?: string;
  /** NodeIPAM in antrea-controller. @default - disabled (nodes get podCIDRs from kube-controller-manager) */
  readonly nodeIPAM?: AntreaNodeIpamProps;
  /**
   * Feature gates. Each conf file gets the gates its component lists (as the chart's `featureGate` helper does); gates
   * of neither file (e.g. the GA `AntreaProxy`) go to antrea-agent.conf. @default - upstream defaults
   */
  readonly featureGates?: Readonly<Record<string, boolean>>;
  /**
   * Extra keys merged into antrea-agent.conf (maps merge, other values replace), for settings these props do not
   * model. A key a typed prop models (e.g. `tunnelType`, `antreaProxy.proxyAll`) throws. @default - none
   */
  readonly agentConfig?: Readonly<Record<string, unknown>>;
  /** Extra keys merged into antrea-controller.conf, as {@link agentConfig}. @default - none */
  readonly controllerConfig?: Readonly<Record<string, unknown>>;
}
