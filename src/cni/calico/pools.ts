/** The IP pools a Calico spec declares (or the defaults), with every upstream default filled in. */
import { Cidr, type IpFamily } from '../../plan/cidr';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { ENCAP_OVERHEAD, ENCAP_OVERHEAD_IPV6 } from '../common/mtu';
import type { EncapsulationMode } from './ip-pool';
import type { CalicoIpPool } from './props';
import type { ResolvedCalicoCni } from './spec';

/** Default block sizes (IPPool resource defaults). */
export const DEFAULT_BLOCK_SIZE: Record<IpFamily, number> = { IPv4: 26, IPv6: 122 };

/** A pool with its spec path and every field resolved. */
export interface ResolvedPool extends CalicoIpPool {
  /** Path of the pool in the spec (`spec.cni.ipPools[1]`), or of the pod range it defaults from. */
  readonly path: string;
  /** True when the spec lists pools; false for the defaults derived from `spec.pods.cidrs`. */
  readonly declared: boolean;
  readonly blockSize: number;
  readonly ipipMode: EncapsulationMode;
  readonly vxlanMode: EncapsulationMode;
  /** Family of the CIDR, when it parses. */
  readonly family?: IpFamily;
}

type CalicoNetwork = ResolvedClusterNetwork & { readonly spec: { readonly cni: ResolvedCalicoCni } };

function familyOf(text: string): IpFamily | undefined {
  const c = Cidr.parse(text);
  return typeof c === 'string' ? undefined : c.family;
}

/**
 * Encapsulation defaults, as upstream's manifests set them: with BGP, IPIP Always for IPv4 (calico.yaml); without
 * BGP, VXLAN CrossSubnet (calico-vxlan.yaml). A mode the user sets turns the other default to Never.
 */
function modes(bgp: boolean, family: IpFamily | undefined, ipip?: EncapsulationMode, vxlan?: EncapsulationMode): [EncapsulationMode, EncapsulationMode] {
  if (ipip !== undefined || vxlan !== undefined) return [ipip ?? 'Never', vxlan ?? 'Never'];
  if (!bgp) return ['Never', 'CrossSubnet'];
  return [family === 'IPv6' ? 'Never' : 'Always', 'Never'];
}

/** The pools to create: the spec's `ipPools`, or one pool per `spec.pods.cidrs` entry with upstream defaults. */
export function resolvePools(n: CalicoNetwork): ResolvedPool[] {
  const cni = n.spec.cni;
  const bgp = cni.bgp.enabled;
  if (cni.ipPools) {
    return cni.ipPools.map((p, i) => {
      const family = familyOf(p.cidr);
      const [ipipMode, vxlanMode] = modes(bgp, family, p.ipipMode, p.vxlanMode);
      return { ...p, path: `spec.cni.ipPools[${i}]`, declared: true, family, blockSize: p.blockSize ?? DEFAULT_BLOCK_SIZE[family ?? 'IPv4'], ipipMode, vxlanMode };
    });
  }
  return n.spec.pods.cidrs.map((text, i) => {
    const family = familyOf(text) ?? 'IPv4';
    const [ipipMode, vxlanMode] = modes(bgp, family);
    return {
      name: `default-${family.toLowerCase()}-ippool`,
      cidr: typeof Cidr.parse(text) === 'string' ? text : Cidr.of(text).toString(),
      path: `spec.pods.cidrs[${i}]`,
      declared: false,
      family,
      blockSize: DEFAULT_BLOCK_SIZE[family],
      ipipMode,
      vxlanMode,
      natOutgoing: true,
      nodeSelector: 'all()',
      disabled: false,
      disableBGPExport: false,
    };
  });
}

const on = (m: EncapsulationMode) => m !== 'Never';

/** Encapsulations in use by enabled pools and Felix (for MTU and firewall rules); `…V6` when over IPv6. */
export function encapsulations(n: CalicoNetwork): { ipip: boolean; vxlan: boolean; vxlanV6: boolean; wireguard: boolean; wireguardV6: boolean } {
  const pools = resolvePools(n).filter((p) => !p.disabled);
  const felix = n.spec.cni.felix;
  return {
    ipip: pools.some((p) => on(p.ipipMode)),
    vxlan: pools.some((p) => on(p.vxlanMode)),
    vxlanV6: pools.some((p) => p.family === 'IPv6' && on(p.vxlanMode)),
    wireguard: !!(felix?.wireguardEnabled || felix?.wireguardEnabledV6),
    wireguardV6: !!felix?.wireguardEnabledV6,
  };
}

/**
 * The largest per-packet overhead of the encapsulations in use: IPIP 20, VXLAN 50 (70 over IPv6), WireGuard 60
 * (80 over IPv6). One veth MTU serves every family, so the largest wins.
 */
export function calicoOverhead(n: CalicoNetwork): number {
  const e = encapsulations(n);
  return Math.max(
    ENCAP_OVERHEAD.none,
    e.ipip ? ENCAP_OVERHEAD.ipip : 0,
    e.vxlan ? ENCAP_OVERHEAD.vxlan : 0,
    e.vxlanV6 ? ENCAP_OVERHEAD_IPV6.vxlan : 0,
    e.wireguard ? ENCAP_OVERHEAD.wireguard : 0,
    e.wireguardV6 ? ENCAP_OVERHEAD_IPV6.wireguard : 0,
  );
}

/** Addresses in one block of a pool. */
export function blockAddresses(pool: ResolvedPool): bigint {
  return 1n << BigInt((pool.family === 'IPv6' ? 128 : 32) - pool.blockSize);
}
