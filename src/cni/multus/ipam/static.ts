import type { IpamDns, IpamRoute } from './common';

/** One address of static IPAM. */
export interface StaticAddress {
  /** Address in CIDR notation, e.g. `10.10.0.5/24` (the prefix gives the subnet). */
  readonly address: string;
  /** Gateway inside the address's subnet. @default - none */
  readonly gateway?: string;
}

/**
 * static IPAM (plugins-docs/static.md): fixed addresses. With no `addresses`, each pod passes its own through the
 * attachment's `ips` (the `ips` capability, which the NetworkAttachmentDefinition then declares).
 */
export interface StaticIpam {
  readonly type: 'static';
  /** Addresses to assign. @default - from the pod's `ips` */
  readonly addresses?: StaticAddress[];
  /** Routes added in the pod. @default - none */
  readonly routes?: IpamRoute[];
  /** DNS settings. @default - none */
  readonly dns?: IpamDns;
}
