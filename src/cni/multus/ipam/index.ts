/** The IPAM plugins a NetworkAttachmentDefinition can use. */
import type { DhcpIpam } from './dhcp';
import type { HostLocalIpam } from './host-local';
import type { StaticIpam } from './static';
import type { WhereaboutsIpam } from './whereabouts';

export * from './common';
export * from './dhcp';
export * from './host-local';
export * from './static';
export * from './whereabouts';

/** Typed IPAM configuration, discriminated on `type`. */
export type Ipam = HostLocalIpam | StaticIpam | WhereaboutsIpam | DhcpIpam;

/** IPAM types that honour per-pod `ips` (the `ips` capability). */
export const IPS_CAPABLE_IPAM: ReadonlyArray<Ipam['type']> = ['static', 'whereabouts'];
