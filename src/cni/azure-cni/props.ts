import type { ImageOptions } from '../common/images';

/** ip-masq-agent-v2 settings (its config file). */
export interface IpMasqAgentProps extends ImageOptions {
  /** Destinations reached without SNAT (VNet, pod ranges). */
  readonly nonMasqueradeCidrs: readonly string[];
  /** SNAT traffic to 169.254.0.0/16 (`masqLinkLocal`). @default false */
  readonly masqLinkLocal?: boolean;
  /** SNAT traffic to fe80::/10 (`masqLinkLocalIPv6`). @default true */
  readonly masqLinkLocalIPv6?: boolean;
  /** Namespace. @default 'kube-system' */
  readonly namespace?: string;
}

/**
 * The self-managed installer. It installs upstream's vnet-mode conflist (azure-vnet-ipam); the other modes need
 * azure-cns and the AKS control plane.
 */
export interface AzureCniProps extends ImageOptions {
  /** azure-cni image tag (the installer). @default VERSIONS['azure-cni'].version */
  readonly version?: string;
  /** Namespace. @default 'kube-system' */
  readonly namespace?: string;
  /** ip-masq-agent settings; the agent is left out when undefined. @default - no ip-masq-agent */
  readonly ipMasqAgent?: Omit<IpMasqAgentProps, 'imageRegistry' | 'namespace'>;
}
