/**
 * Cilium's own MTU overheads, from cilium/cilium `pkg/mtu/mtu.go` (1.19): they differ from the figures other CNIs
 * publish (Calico's WireGuard overhead is 60, Cilium's 80), so Cilium does not use the common table for encryption.
 */
export const CILIUM_MTU_OVERHEAD = {
  /** `TunnelOverhead`: outer IPv4 20 + UDP 8 + VXLAN/Geneve 8 + inner Ethernet 14 (IPv4 underlay, the default). */
  tunnel: 50,
  /** `TunnelOverheadIPv6`: outer IPv6 40 + UDP 8 + VXLAN/Geneve 8 + inner Ethernet 14 (`underlay-protocol: ipv6`). */
  tunnelIPv6: 70,
  /** `EncryptionIPsecOverhead`: outer IP 20 + SPI 4 + sequence 4 + next header 1 + ICV 16 + padding 16 + auth 16 (128-bit key). */
  ipsec: 77,
  /** `WireguardOverhead`: message 32 + outer IPv4 or IPv6 header 40 + UDP 8. */
  wireguard: 80,
} as const;

/** The encryption Cilium applies between nodes, if any. */
export type CiliumEncryptionType = 'wireguard' | 'ipsec';

/**
 * Bytes Cilium subtracts from the underlay MTU for pod routes, as `getRouteMTU` does: the tunnel (tunnel routing
 * only; 70 over an IPv6 underlay) plus WireGuard or IPsec. With WireGuard and a tunnel that is 80 + 50; with IPsec 50 + 77, or 77 natively.
 */
export function ciliumMtuOverhead(tunnel: boolean, encryption: CiliumEncryptionType | undefined, underlayIPv6 = false): number {
  const tunnelBytes = underlayIPv6 ? CILIUM_MTU_OVERHEAD.tunnelIPv6 : CILIUM_MTU_OVERHEAD.tunnel;
  return (tunnel ? tunnelBytes : 0) + (encryption ? CILIUM_MTU_OVERHEAD[encryption] : 0);
}
