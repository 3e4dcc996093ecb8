/** The IP pools a Calico spec declares (or the defaults), with every upstream default filled in. */
import { Cidr, type IpFamily } from '../../plan/cidr';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { encapOverhead } from '../common/mtu';
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
  readonly natOutgoing: boolean;
  /** Family of the CIDR, when it parses. */
  readonly family?: IpFamily;
}

/**
 * Whether a pool masquerades when the spec does not say: calico-node's defaults for the pools it creates,
 * CALICO_IPV4POOL_NAT_OUTGOING true and CALICO_IPV6POOL_NAT_OUTGOING false (IPv6 pods are usually routable).
 */
export function defaultNatOutgoing(family: IpFamily): boolean {
  return family === 'IPv4';
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
      return {
        ...p,
        path: `spec.cni.ipPools[${i}]`,
        declared: true,
        family,
        blockSize: p.blockSize ?? DEFAULT_BLOCK_SIZE[family ?? 'IPv4'],
        ipipMode,
        vxlanMode,
        natOutgoing: p.natOutgoing ?? defaultNatOutgoing(family ?? 'IPv4'),
      };
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
      natOutgoing: defaultNatOutgoing(family),
      nodeSelector: 'all()',
      disabled: false,
      disableBGPExport: false,
    };
  });
}

const on = (m: EncapsulationMode) => m !== 'Never';

/** The address families each encapsulation carries (for MTU and firewall rules); empty when it is not in use. */
export interface CalicoEncapsulations {
  /** IP-in-IP: IPv4 pools with ipipMode on. */
  readonly ipip: readonly IpFamily[];
  /** VXLAN: pools with vxlanMode on, by family. */
  readonly vxlan: readonly IpFamily[];
  /** WireGuard: Felix wireguardEnabled (IPv4) / wireguardEnabledV6 (IPv6). */
  readonly wireguard: readonly IpFamily[];
}

/** Encapsulations in use by enabled pools and Felix, each with the families it carries. */
export function encapsulations(n: CalicoNetwork): CalicoEncapsulations {
  const pools = resolvePools(n).filter((p) => !p.disabled);
  const felix = n.spec.cni.felix;
  const familiesOf = (mode: (p: ResolvedPool) => EncapsulationMode): IpFamily[] =>
    (['IPv4', 'IPv6'] as const).filter((f) => pools.some((p) => (p.family ?? 'IPv4') === f && on(mode(p))));
  return {
    ipip: familiesOf((p) => p.ipipMode),
    vxlan: familiesOf((p) => p.vxlanMode),
    wireguard: [...(felix?.wireguardEnabled ? (['IPv4'] as const) : []), ...(felix?.wireguardEnabledV6 ? (['IPv6'] as const) : [])],
  };
}

/**
 * The largest per-packet overhead of the encapsulations in use: IPIP 20, VXLAN 50 (70 over IPv6), WireGuard 60
 * (80 over IPv6). One veth MTU serves every family, so the largest wins.
 */
export function calicoOverhead(n: CalicoNetwork): number {
  const e = encapsulations(n);
  return Math.max(encapOverhead('ipip', e.ipip), encapOverhead('vxlan', e.vxlan), encapOverhead('wireguard', e.wireguard));
}

/** Addresses in one block of a pool. */
export function blockAddresses(pool: ResolvedPool): bigint {
  return 1n << BigInt((pool.family === 'IPv6' ? 128 : 32) - pool.blockSize);
}
