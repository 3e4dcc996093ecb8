import type { IpamRoute } from './common';

/** One range of a host-local range set (plugins-docs/host-local.md). */
export interface HostLocalRange {
  /** CIDR to allocate from. */
  readonly subnet: string;
  /** First address handed out. @default - the second address of `subnet` */
  readonly rangeStart?: string;
  /** Last address handed out. @default - the last usable address of `subnet` */
  readonly rangeEnd?: string;
  /** Gateway returned to the plugin. @default - the first address of `subnet` */
  readonly gateway?: string;
}

/**
 * host-local IPAM: addresses from a range, tracked in files on each node. Either the `ranges` form (a list of range
 * sets, one address per set) or the single-range form with `subnet`/`rangeStart`/`rangeEnd`/`gateway` at the top level
 * (documented as deprecated but supported; SPEC.md's `spec.multus` form).
 */
export interface HostLocalIpam extends Partial<HostLocalRange> {
  readonly type: 'host-local';
  /** Range sets; each set yields one address. @default - the single top-level range */
  readonly ranges?: HostLocalRange[][];
  /** Routes added in the pod. @default - none */
  readonly routes?: IpamRoute[];
  /** Where allocations are stored on the node. @default /var/lib/cni/networks */
  readonly dataDir?: string;
  /** A resolv.conf whose settings are returned as DNS. @default - none */
  readonly resolvConf?: string;
}

/** Every host-local range, in both forms. */
export function hostLocalRanges(ipam: HostLocalIpam): Array<{ range: HostLocalRange; path: string }> {
  const out: Array<{ range: HostLocalRange; path: string }> = [];
  if (ipam.subnet !== undefined) out.push({ range: ipam as HostLocalRange, path: '' });
  (ipam.ranges ?? []).forEach((set, i) => set.forEach((range, j) => out.push({ range, path: `.ranges[${i}][${j}]` })));
  return out;
}
