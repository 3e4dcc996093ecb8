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

/**
 * IPAM types that honour per-pod `ips` (the `ips` capability, CNI CONVENTIONS.md: static and host-local). whereabouts
 * does not: its config has no runtimeConfig (whereabouts v0.9.4 pkg/types/types.go), so it ignores them.
 */
export const IPS_CAPABLE_IPAM: ReadonlyArray<Ipam['type']> = ['static', 'host-local'];
