/**
 * CIDR arithmetic on top of `ip-address` (parsing, canonical forms, BigInt conversion). This file only adds the
 * range logic the IP plan needs: containment, overlap, counting blocks and addresses.
 */
/** The ip-address library, loaded on first use: importing the library (the constructs) does not load it. */
let ipAddressLib: typeof import('ip-address') | undefined;
function ipAddress(): typeof import('ip-address') {
  return (ipAddressLib ??= require('ip-address') as typeof import('ip-address'));
}

export type IpFamily = 'IPv4' | 'IPv6';

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const CANONICAL_IPV4 = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/**
 * The value of a dotted-quad IPv4 address in canonical form (decimal octets, no leading zeros), or undefined for any
 * other text, which goes to ip-address. A fast path: parsing through ip-address cost ~30 µs per address, which
 * dominated validation of thousands of pools, peers and networks (BENCHMARKS.md).
 */
function canonicalIpv4(text: string): bigint | undefined {
  const m = CANONICAL_IPV4.exec(text);
  return m ? BigInt(((Number(m[1]) * 256 + Number(m[2])) * 256 + Number(m[3])) * 256 + Number(m[4])) : undefined;
}

/** A parsed CIDR block. Immutable; `network` and `size` are BigInts so IPv6 works the same way as IPv4. */
export class Cidr {
  /**
   * Parses `text` as a CIDR. Returns an error string (what is wrong, what is allowed) instead of throwing so that
   * callers can attach it to a spec path.
   */
  public static parse(text: string): Cidr | string {
    const quoted = quote(text);
    if (typeof text !== 'string' || !text.includes('/')) {
      return `${quoted} is not a CIDR (expected address/prefix, e.g. 10.244.0.0/16 or fd00:10:244::/56)`;
    }
    const parts = text.split('/');
    if (parts.length !== 2) return `${quoted} is not a CIDR (expected one address/prefix, e.g. 10.244.0.0/16)`;
    const [addr, prefixText] = parts;
    if (!/^(0|[1-9]\d{0,2})$/.test(prefixText)) return `${quoted} has an invalid prefix length (expected /0-/32 or /0-/128, no leading zeros)`;
    const prefix = Number(prefixText);
    const fast = canonicalIpv4(addr);
    if (fast !== undefined) return prefix > 32 ? `${quoted} has prefix /${prefix} (allowed for IPv4: /0-/32)` : new Cidr('IPv4', fast, prefix);
    const { Address4, Address6 } = ipAddress();
    const family: IpFamily | undefined = Address4.isValid(addr) && !addr.includes(':') ? 'IPv4' : Address6.isValid(addr) && addr.includes(':') ? 'IPv6' : undefined;
    if (!family) return `${quoted} is not a valid IPv4 or IPv6 CIDR`;
    const bits = family === 'IPv4' ? 32 : 128;
    if (prefix > bits) return `${quoted} has prefix /${prefix} (allowed for ${family}: /0-/${bits})`;
    const value = family === 'IPv4' ? new Address4(addr).bigInt() : new Address6(addr).bigInt();
    return new Cidr(family, value, prefix);
  }

  /** Parses or throws; for values already validated. */
  public static of(text: string): Cidr {
    const c = Cidr.parse(text);
    if (typeof c === 'string') throw new Error(c);
    return c;
  }

  /** The first address of the block (host bits cleared). */
  public readonly network: bigint;
  /** Number of addresses in the block. */
  public readonly size: bigint;
  public readonly bits: number;

  private constructor(public readonly family: IpFamily, public readonly address: bigint, public readonly prefix: number) {
    this.bits = family === 'IPv4' ? 32 : 128;
    this.size = 1n << BigInt(this.bits - prefix);
    this.network = (address / this.size) * this.size;
  }

  /** True when the address part has bits set below the prefix (e.g. 10.244.1.0/16). */
  public get hasHostBits(): boolean {
    return this.address !== this.network;
  }

  /**
   * The IPv4 range an IPv4-mapped IPv6 range (inside ::ffff:0:0/96, e.g. ::ffff:10.0.0.0/104) stands for, e.g.
   * `10.0.0.0/8`; undefined for every other range. Go's net.ParseCIDR keeps such an address in its 4-byte form, so
   * Kubernetes and the Go-based CNIs read the range as IPv4 while the text looks like IPv6.
   */
  public get ipv4Mapped(): string | undefined {
    if (this.family !== 'IPv6' || this.prefix < 96 || this.network >> 32n !== 0xffffn) return undefined;
    return `${formatIp('IPv4', this.network & 0xffffffffn)}/${this.prefix - 96}`;
  }

  /**
   * An address inside the block that is neither its network address, its first address (the `kubernetes` Service
   * takes it in a Service range) nor its IPv4 broadcast: the 10th address when the block has one, else the 2nd;
   * undefined when the block is too small to have such an address.
   */
  public get exampleHost(): IpAddress | undefined {
    const lastUsable = this.family === 'IPv4' ? this.size - 2n : this.size - 1n;
    const offset = 10n <= lastUsable ? 10n : 2n <= lastUsable ? 2n : undefined;
    return offset === undefined ? undefined : this.nth(offset);
  }

  /** Last address of the block. */
  public get last(): bigint {
    return this.network + this.size - 1n;
  }

  /** Canonical text, e.g. `10.244.0.0/16`. */
  public toString(): string {
    return `${formatIp(this.family, this.network)}/${this.prefix}`;
  }

  public contains(other: Cidr): boolean {
    return this.family === other.family && other.network >= this.network && other.last <= this.last;
  }

  public containsIp(ip: IpAddress): boolean {
    return this.family === ip.family && ip.value >= this.network && ip.value <= this.last;
  }

  public overlaps(other: Cidr): boolean {
    return this.family === other.family && this.network <= other.last && other.network <= this.last;
  }

  /** How many blocks of `/blockPrefix` fit in this range (0 when the block is larger than the range). */
  public countBlocks(blockPrefix: number): bigint {
    if (blockPrefix < this.prefix) return 0n;
    return 1n << BigInt(blockPrefix - this.prefix);
  }

  /**
   * The address `n` places after the network address. Callers keep `n` below `size` (see {@link exampleHost} for a
   * host address any block has): past the end of the address space the address cannot be printed.
   */
  public nth(n: bigint): IpAddress {
    return new IpAddress(this.family, this.network + n);
  }
}

/** A single IP address. */
export class IpAddress {
  public static parse(text: string): IpAddress | string {
    if (typeof text === 'string' && !text.includes('/')) {
      const fast = canonicalIpv4(text);
      if (fast !== undefined) return new IpAddress('IPv4', fast);
      const { Address4, Address6 } = ipAddress();
      if (!text.includes(':') && Address4.isValid(text)) return new IpAddress('IPv4', new Address4(text).bigInt());
      if (text.includes(':') && Address6.isValid(text)) return new IpAddress('IPv6', new Address6(text).bigInt());
    }
    return `${quote(text)} is not a valid IP address (expected e.g. 10.96.0.10 or fd00::a)`;
  }

  public static of(text: string): IpAddress {
    const a = IpAddress.parse(text);
    if (typeof a === 'string') throw new Error(a);
    return a;
  }

  public constructor(public readonly family: IpFamily, public readonly value: bigint) {}

  public toString(): string {
    return formatIp(this.family, this.value);
  }

  public equals(other: IpAddress): boolean {
    return this.family === other.family && this.value === other.value;
  }
}

/** A value quoted for a message, with control characters escaped so that one issue stays one line. */
function quote(text: unknown): string {
  return JSON.stringify(String(text));
}

function formatIp(family: IpFamily, value: bigint): string {
  // IPv4's correct form is the dotted quad of decimal octets; writing it here keeps ip-address unloaded for IPv4 specs
  if (family === 'IPv4') return [24n, 16n, 8n, 0n].map((shift) => Number((value >> shift) & 255n)).join('.');
  return ipAddress().Address6.fromBigInt(value).correctForm();
}

/** Smallest prefix length (largest block) whose size is at least `addresses`, for the given family. */
export function smallestPrefixFor(family: IpFamily, addresses: bigint): number {
  const bits = family === 'IPv4' ? 32 : 128;
  let prefix = bits;
  while (prefix > 0 && (1n << BigInt(bits - prefix)) < addresses) prefix--;
  return prefix;
}

/**
 * Finds every overlapping pair among labelled ranges: sort by start, then sweep while keeping the ranges still "open"
 * (whose end lies at or after the current start). O(n log n + k) for k overlaps; CIDR blocks are nested or disjoint,
 * so the open set is a chain of nested ranges and stays small. Each pair is reported once, earlier start first.
 */
export function findOverlaps<T extends { cidr: Cidr }>(items: readonly T[]): Array<[T, T]> {
  const sorted = [...items].sort((a, b) =>
    a.cidr.family !== b.cidr.family
      ? a.cidr.family < b.cidr.family ? -1 : 1
      : a.cidr.network < b.cidr.network ? -1 : a.cidr.network > b.cidr.network ? 1 : a.cidr.prefix - b.cidr.prefix,
  );
  const out: Array<[T, T]> = [];
  let open: T[] = [];
  for (const item of sorted) {
    open = open.filter((o) => o.cidr.family === item.cidr.family && o.cidr.last >= item.cidr.network);
    for (const o of open) out.push([o, item]);
    open.push(item);
  }
  return out;
}
