/** Benchmark sizes: how many of each object a generated spec and app hold (issue 9; L as the issue states). */

export interface BenchSize {
  readonly name: string;
  /** Calico IPPools in `spec.cni.ipPools`. */
  readonly ipPools: number;
  /** Calico BGPPeers in `spec.cni.bgp.peers`. */
  readonly bgpPeers: number;
  /** Calico policies composed in the app (half GlobalNetworkPolicy, half namespaced NetworkPolicy). */
  readonly policies: number;
  /** NetworkAttachmentDefinitions in `spec.multus.networks`. */
  readonly networks: number;
  /** Pods composed in the app, each attached to 3 networks with `attachNetworks`, half of them with static IPs. */
  readonly pods: number;
}

/** Fraction of L. */
function scaled(name: string, f: number): BenchSize {
  const n = (x: number) => Math.round(x * f);
  return { name, ipPools: n(500), bgpPeers: n(1000), policies: n(2000), networks: n(2000), pods: n(2000) };
}

/** `base` holds none of the scaled objects: what is left is the fixed cost (Calico and Multus manifests, CRDs). */
export const SIZES: Readonly<Record<'base' | 'S' | 'M' | 'L', BenchSize>> = {
  base: scaled('base', 0),
  S: scaled('S', 0.1),
  M: scaled('M', 0.4),
  L: scaled('L', 1),
};

export type SizeName = keyof typeof SIZES;

/** Objects a size adds on top of the fixed manifests (pools + peers + policies + networks + pods). */
export function scaledObjects(s: BenchSize): number {
  return s.ipPools + s.bgpPeers + s.policies + s.networks + s.pods;
}
