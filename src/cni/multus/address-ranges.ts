/** The addresses an IPAM config may hand out, for range checks on the config itself and on pods' requested `ips`. */
import { Cidr, IpAddress } from '../../plan/cidr';
import type { Ipam } from './ipam';
import { hostLocalRanges } from './ipam';

/** A range of assignable addresses inside `cidr`. */
export interface AddressRange {
  readonly cidr: Cidr;
  /** First assignable address. */
  readonly first: bigint;
  /** Last assignable address. */
  readonly last: bigint;
  /** Blocks inside the range that are never assigned. */
  readonly excluded: readonly Cidr[];
  /** Human description, e.g. `10.10.0.0/24 (10.10.0.10-10.10.0.99)`. */
  readonly text: string;
}

/** The address `text` names, or `fallback` when it is unparsable or of another family than `cidr` (validation reports both). */
function ipOr(text: string | undefined, cidr: Cidr, fallback: bigint): bigint {
  if (text === undefined) return fallback;
  const ip = IpAddress.parse(text);
  return typeof ip === 'string' || ip.family !== cidr.family ? fallback : ip.value;
}

function range(cidr: Cidr, start: string | undefined, end: string | undefined, excluded: Cidr[] = []): AddressRange {
  const first = ipOr(start, cidr, cidr.network);
  const last = ipOr(end, cidr, cidr.last);
  const bounds = start || end ? ` (${cidr.nth(first - cidr.network)}-${cidr.nth(last - cidr.network)})` : '';
  return { cidr, first, last, excluded, text: `${cidr}${bounds}` };
}

/** A range with the path of the field it comes from, relative to the IPAM config (e.g. `.ranges[0][1].subnet`). */
export interface LocatedAddressRange {
  readonly path: string;
  readonly range: AddressRange;
}

/** The ranges of an IPAM config with their field paths (host-local ranges, static addresses, whereabouts range); invalid parts skipped. */
export function locatedAddressRanges(ipam: Ipam | undefined): LocatedAddressRange[] {
  const parse = (t: string | undefined) => (t === undefined ? undefined : Cidr.parse(t));
  const ok = (c: Cidr | string | undefined): c is Cidr => c !== undefined && typeof c !== 'string';
  switch (ipam?.type) {
    case 'host-local':
      return hostLocalRanges(ipam).flatMap(({ range: r, path }) => {
        const c = parse(r.subnet);
        return ok(c) ? [{ path: `${path}.subnet`, range: range(c, r.rangeStart, r.rangeEnd) }] : [];
      });
    case 'static':
      return (ipam.addresses ?? []).flatMap((a, i) => {
        const c = parse(a.address);
        return ok(c) ? [{ path: `.addresses[${i}].address`, range: range(Cidr.of(c.toString()), undefined, undefined) }] : [];
      });
    case 'whereabouts': {
      const c = parse(ipam.range);
      if (!ok(c)) return [];
      const excluded = (ipam.exclude ?? []).map(parse).filter(ok);
      return [{ path: '.range', range: range(c, ipam.range_start, ipam.range_end, excluded) }];
    }
    default:
      return [];
  }
}

/** The ranges of an IPAM config (host-local ranges, static addresses' subnets, whereabouts range); invalid parts skipped. */
export function addressRanges(ipam: Ipam | undefined): AddressRange[] {
  return locatedAddressRanges(ipam).map((r) => r.range);
}

/** True when `ip` is assignable in `r`: inside the bounds and not excluded. */
export function rangeHolds(r: AddressRange, ip: IpAddress): boolean {
  return r.cidr.containsIp(ip) && ip.value >= r.first && ip.value <= r.last && !r.excluded.some((x) => x.containsIp(ip));
}
