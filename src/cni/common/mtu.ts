import type { IpFamily } from '../../plan/cidr';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { defineRule } from '../../rules/rule';

/**
 * Encapsulation overheads (bytes) subtracted from the underlay MTU over IPv4, as Tigera's "Configure MTU" documents
 * them for Calico. IPIP, VXLAN and Geneve are protocol facts every CNI agrees on; `wireguard` (60) is Calico's figure,
 * not a universal one: Flannel subtracts 80 for every family (`FLANNEL_BACKEND_OVERHEAD` in
 * `flannel-data-path/data-path.ts`), Cilium reserves 80 for WireGuard and 77 for IPsec (`src/cni/cilium/mtu.ts`).
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

/** What the pod-MTU rules report: the underlay MTU, what is left for pods, the overhead and the smallest allowed. */
export interface PodMtuShortfall {
  readonly mtu: number;
  readonly left: number;
  readonly what: string;
  readonly overhead: number;
  readonly min: number;
}

const podMtuMessage = (p: PodMtuShortfall) =>
  `${p.mtu} leaves ${p.left} for pods after ${p.what} overhead of ${p.overhead} bytes (allowed: at least ${p.min + p.overhead}, so pods get ${p.min})`;

/**
 * The pod-MTU rules every encapsulating CNI applies to `spec.nodes.mtu` (Flannel, Canal, Calico, Weave report them).
 * Below 1280 Linux gives an interface no IPv6 at all, so the CNI cannot add the pod's IPv6 address; below 576 (IPv4
 * only) pods still start, which is why that one is a warning.
 */
export const MTU_RULES = {
  belowIpv6Minimum: defineRule<PodMtuShortfall>({
    id: 'mtu/pod-mtu-below-ipv6-minimum',
    severity: 'error',
    path: 'spec.nodes.mtu',
    summary: 'With IPv6 in use, the underlay MTU minus the CNI\'s encapsulation overhead must leave pods at least 1280 bytes, the IPv6 minimum link MTU.',
    source: {
      upstream:
        'torvalds/linux net/ipv6/addrconf.c (ipv6_add_dev / addrconf_notify: a device whose MTU is below IPV6_MIN_MTU 1280 gets no IPv6, so the CNI plugin cannot add the pod address); RFC 8200 section 5',
    },
    message: podMtuMessage,
  }),
  belowIpv4Minimum: defineRule<PodMtuShortfall>({
    id: 'mtu/pod-mtu-below-576',
    severity: 'warning',
    path: 'spec.nodes.mtu',
    summary: 'On IPv4-only clusters, a pod MTU below 576 bytes after the encapsulation overhead is warned about.',
    source: { opinion: 'RFC 791 makes 576 the datagram size every host must accept; Linux allows IPv4 down to 68, so pods start, but ordinary traffic fragments and PMTU-blind peers fail' },
    message: podMtuMessage,
  }),
};

/**
 * The pod-MTU shortfall of `network` after `overhead` bytes of `what` (e.g. `the vxlan`), or undefined when pods keep
 * at least {@link minimumPodMtu}. Report it with `MTU_RULES.belowIpv6Minimum` or `belowIpv4Minimum` ({@link reportPodMtu}).
 */
export function podMtuShortfall(network: ResolvedClusterNetwork, overhead: number, what: string): PodMtuShortfall | undefined {
  const min = minimumPodMtu(network.spec.ipFamilies);
  const mtu = network.spec.nodes.mtu;
  if (overhead <= 0 || mtu - overhead >= min) return undefined;
  return { mtu, left: mtu - overhead, what, overhead, min };
}

/** The rule a shortfall breaks: the IPv6 minimum (an error) when IPv6 is in use, else the IPv4 576 warning. */
export function podMtuRule(network: ResolvedClusterNetwork) {
  return network.spec.ipFamilies.includes('IPv6') ? MTU_RULES.belowIpv6Minimum : MTU_RULES.belowIpv4Minimum;
}
