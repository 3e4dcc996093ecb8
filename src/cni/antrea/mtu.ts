/**
 * Antrea's MTU deduction, as antrea-io/antrea@v2.7.0 pkg/agent/config/node_config.go computes it
 * (`CalculateMTUDeduction`, `getEncapMTUDeduction`): pods get the transport interface MTU minus this.
 */
import type { AntreaTrafficEncapMode, AntreaTrafficEncryptionMode, AntreaTunnelType } from './props';

/** Overhead constants of node_config.go. STT has none (no case in `getEncapMTUDeduction`). */
export const ANTREA_MTU_OVERHEAD = { vxlan: 50, geneve: 50, gre: 42, stt: 0, ipv6Extra: 20, wireGuard: 60, ipsecEsp: 38 } as const;

/** What Antrea's MTU deduction depends on (node_config.go). */
export interface AntreaMtuInput {
  readonly trafficEncapMode: AntreaTrafficEncapMode;
  readonly tunnelType: AntreaTunnelType;
  readonly trafficEncryptionMode: AntreaTrafficEncryptionMode;
  /** The Node has an IPv6 address (IPv6 or dual-stack clusters). */
  readonly ipv6: boolean;
}

/** Whether the mode encapsulates at all (`SupportsEncap`: encap and hybrid). */
export function supportsEncap(mode: AntreaTrafficEncapMode): boolean {
  return mode === 'encap' || mode === 'hybrid';
}

/**
 * Bytes Antrea deducts: the tunnel overhead in encap/hybrid (+20 over IPv6); IPsec adds the ESP overhead; WireGuard
 * replaces the deduction with its own 60 (+20 over IPv6), since WireGuard traffic is not tunnelled again.
 */
export function antreaMtuDeduction(i: AntreaMtuInput): number {
  const extra = i.ipv6 ? ANTREA_MTU_OVERHEAD.ipv6Extra : 0;
  if (i.trafficEncryptionMode === 'wireGuard') return ANTREA_MTU_OVERHEAD.wireGuard + extra;
  const tunnel = ANTREA_MTU_OVERHEAD[i.tunnelType];
  const encap = supportsEncap(i.trafficEncapMode) && tunnel > 0 ? tunnel + extra : 0;
  return encap + (i.trafficEncryptionMode === 'ipsec' ? ANTREA_MTU_OVERHEAD.ipsecEsp : 0);
}
