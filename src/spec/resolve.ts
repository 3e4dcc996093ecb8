/**
 * Resolution: fills the defaults that depend on other fields (service range, DNS IP, max node count), so that
 * constructs and checks read one fully specified object.
 */
import { Cidr } from '../plan/cidr';
import type { ParsedClusterNetwork } from './schema';

/** The ClusterNetwork after shape validation and defaulting: every optional common field has its value. */
export type ResolvedClusterNetwork = ParsedClusterNetwork & {
  readonly spec: ParsedClusterNetwork['spec'] & {
    readonly services: { readonly cidrs: string[]; readonly dnsIP: string };
    readonly nodes: ParsedClusterNetwork['spec']['nodes'] & { readonly maxCount: number; readonly mtu: number };
    readonly pods: ParsedClusterNetwork['spec']['pods'] & { readonly maxPerNode: number };
  };
};

/** kubelet's default max pods. */
export const DEFAULT_MAX_PODS = 110;

/** The default Kubernetes service range (kubeadm `serviceSubnet`), used for single-stack IPv4. */
export const DEFAULT_SERVICE_CIDR = '10.96.0.0/12';

/** The default underlay MTU (Ethernet). */
export const DEFAULT_UNDERLAY_MTU = 1500;

/** Defaults a CNI module decides (see `CniModule.defaultMaxPerNode`, `defaultServiceCidrs`, `defaultUnderlayMtu`). */
export interface CniDefaults {
  /** `spec.pods.maxPerNode`. @default DEFAULT_MAX_PODS */
  readonly maxPerNode?: number;
  /** `spec.services.cidrs`. @default - [DEFAULT_SERVICE_CIDR] for single-stack IPv4, none otherwise */
  readonly serviceCidrs?: readonly string[];
  /** `spec.nodes.mtu`. @default DEFAULT_UNDERLAY_MTU */
  readonly mtu?: number;
}

/** The 10th address of a range (what kubeadm picks for the cluster DNS service), or undefined when unparsable. */
export function defaultDnsIP(serviceCidr: string | undefined): string | undefined {
  if (!serviceCidr) return undefined;
  const c = Cidr.parse(serviceCidr);
  // a range too small to hold a 10th address has no default; the IP plan reports the range itself
  return typeof c === 'string' || c.size <= 10n ? undefined : c.nth(10n).toString();
}

/**
 * Fills derived defaults; `defaults` are the CNI's (see {@link CniDefaults}). Tolerant of invalid values (those are
 * reported by the IP plan checks, which run on the result): an unparsable service range simply yields no DNS IP.
 */
export function resolveDefaults(parsed: ParsedClusterNetwork, defaults: CniDefaults = {}): ResolvedClusterNetwork {
  const { spec } = parsed;
  const singleV4 = spec.ipFamilies.length === 1 && spec.ipFamilies[0] === 'IPv4';
  const serviceCidrs = spec.services.cidrs ?? [...(defaults.serviceCidrs ?? (singleV4 ? [DEFAULT_SERVICE_CIDR] : []))];
  return {
    ...parsed,
    spec: {
      ...spec,
      pods: { ...spec.pods, maxPerNode: spec.pods.maxPerNode ?? defaults.maxPerNode ?? DEFAULT_MAX_PODS },
      services: { ...spec.services, cidrs: serviceCidrs, dnsIP: spec.services.dnsIP ?? defaultDnsIP(serviceCidrs[0]) ?? '' },
      nodes: { ...spec.nodes, maxCount: spec.nodes.maxCount ?? spec.nodes.count, mtu: spec.nodes.mtu ?? defaults.mtu ?? DEFAULT_UNDERLAY_MTU },
    },
  };
}
