/** Encapsulation overheads (bytes) that CNIs subtract from the underlay MTU, as upstream documents them. */
export const ENCAP_OVERHEAD = {
  none: 0,
  ipip: 20,
  vxlan: 50,
  geneve: 50,
  wireguard: 60,
} as const;

export type Encapsulation = keyof typeof ENCAP_OVERHEAD;

/** Overheads that are larger over IPv6 (the outer IPv6 header is 20 bytes longer): Tigera "Configure MTU". */
export const ENCAP_OVERHEAD_IPV6 = {
  vxlan: 70,
  wireguard: 80,
} as const;

/** The smallest MTU we let pods have: 1280 when IPv6 is in use (its minimum link MTU), else 576. */
export function minimumPodMtu(ipFamilies: readonly string[]): number {
  return ipFamilies.includes('IPv6') ? 1280 : 576;
}
