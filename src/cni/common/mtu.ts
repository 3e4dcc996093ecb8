import type { IpFamily } from '../../plan/cidr';

/**
 * Encapsulation overheads (bytes) subtracted from the underlay MTU over IPv4, as Tigera's "Configure MTU" documents
 * them for Calico; Canal and the Flannel data path read this table too. IPIP, VXLAN and Geneve are protocol facts
 * every CNI agrees on; `wireguard` (60) is Calico's figure, not a universal one: Cilium reserves 80 for WireGuard and
 * 77 for IPsec, in its own table (`src/cni/cilium/mtu.ts`, from cilium/cilium pkg/mtu).
 */
export const ENCAP_OVERHEAD = {
  none: 0,
  ipip: 20,
  vxlan: 50,
  geneve: 50,
  wireguard: 60,
} as const;

export type Encapsulation = keyof typeof ENCAP_OVERHEAD;

/** Overheads that are larger over IPv6 (the outer IPv6 header is 20 bytes longer): Tigera "Configure MTU" (Calico's figures, like {@link ENCAP_OVERHEAD}). */
export const ENCAP_OVERHEAD_IPV6 = {
  vxlan: 70,
  wireguard: 80,
} as const;

/** The smallest MTU we let pods have: 1280 when IPv6 is in use (its minimum link MTU), else 576. */
export function minimumPodMtu(ipFamilies: readonly string[]): number {
  return ipFamilies.includes('IPv6') ? 1280 : 576;
}

/**
 * The overhead of one encapsulation over the address families it carries: the largest of them, since one pod MTU
 * serves every family (VXLAN 50 over IPv4, 70 over IPv6; WireGuard 60 / 80; IPIP 20). No families, no overhead.
 */
export function encapOverhead(kind: Encapsulation, families: readonly IpFamily[]): number {
  const over = (family: IpFamily): number =>
    family === 'IPv6' && kind in ENCAP_OVERHEAD_IPV6 ? ENCAP_OVERHEAD_IPV6[kind as keyof typeof ENCAP_OVERHEAD_IPV6] : ENCAP_OVERHEAD[kind];
  return Math.max(ENCAP_OVERHEAD.none, ...families.map(over));
}
