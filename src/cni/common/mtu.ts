/** Encapsulation overheads (bytes) that CNIs subtract from the underlay MTU, as upstream documents them. */
export const ENCAP_OVERHEAD = {
  none: 0,
  ipip: 20,
  vxlan: 50,
  geneve: 50,
  wireguard: 60,
} as const;

export type Encapsulation = keyof typeof ENCAP_OVERHEAD;

/** The smallest MTU we let pods have: 1280 when IPv6 is in use (its minimum link MTU), else 576. */
export function minimumPodMtu(ipFamilies: readonly string[]): number {
  return ipFamilies.includes('IPv6') ? 1280 : 576;
}
