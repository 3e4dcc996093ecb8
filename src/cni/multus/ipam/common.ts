/** Fields several IPAM plugins share (static, host-local, whereabouts): routes and DNS, as in the plugin docs. */

/** A route added in the pod for the attachment (`routes[]` of host-local / static). */
export interface IpamRoute {
  /** Destination CIDR, e.g. `0.0.0.0/0`. */
  readonly dst: string;
  /** Next hop. @default - the range's gateway */
  readonly gw?: string;
}

/** DNS settings returned in the result (`dns` of static IPAM). */
export interface IpamDns {
  /** Name servers. @default - none */
  readonly nameservers?: string[];
  /** Local domain. @default - none */
  readonly domain?: string;
  /** Search domains. @default - none */
  readonly search?: string[];
  /** resolv.conf options. @default - none */
  readonly options?: string[];
}
