/**
 * Carving underlay subnets out of a VPC range for the stacks: equal splits per availability zone, and the block of a
 * subnet to reserve for /28 prefixes when the AWS VPC CNI runs with prefix delegation. Plain data.
 */
import { Cidr, IpAddress, smallestPrefixFor } from './cidr';

/** The `index`-th `/prefix` block inside `parent`. */
export function subnetAt(parent: Cidr, prefix: number, index: number): Cidr {
  if (prefix < parent.prefix || prefix > parent.bits) throw new Error(`/${prefix} does not fit in ${parent.toString()}`);
  const count = parent.countBlocks(prefix);
  if (BigInt(index) >= count) throw new Error(`${parent.toString()} has only ${count} /${prefix} blocks (asked for block ${index})`);
  const start = parent.network + BigInt(index) * (1n << BigInt(parent.bits - prefix));
  return Cidr.of(`${new IpAddress(parent.family, start).toString()}/${prefix}`);
}

/** Splits `cidr` into `count` equal blocks, as large as possible (a power-of-two split; trailing blocks stay free). */
export function splitEvenly(cidr: string, count: number): string[] {
  const parent = Cidr.of(cidr);
  const prefix = parent.prefix + Math.ceil(Math.log2(Math.max(1, count)));
  return Array.from({ length: count }, (_, i) => subnetAt(parent, prefix, i).toString());
}

/** Private (node/pod) and public (load balancer, NAT) subnets, one each per zone. */
export interface VpcSubnetLayout {
  readonly private: readonly string[];
  readonly public: readonly string[];
}

/**
 * Lays out `zones` private and public subnets in a VPC range. By default the range is split into zones + 1 equal parts
 * (rounded up to a power of two): the first `zones` parts are the private subnets and the next part is split again
 * into the small public subnets. With `privateWithin` (VPC-native pods: the pod range the node subnets must cover),
 * the private subnets split that range instead, and the public subnets are the first free blocks of the VPC outside
 * it, each 1/16 of a private subnet (at most /24, at least /28).
 */
export function vpcSubnetLayout(vpcCidr: string, zones: number, privateWithin?: string): VpcSubnetLayout {
  if (privateWithin === undefined) {
    const parts = splitEvenly(vpcCidr, zones + 1);
    return { private: parts.slice(0, zones), public: splitEvenly(parts[zones], zones) };
  }
  const priv = splitEvenly(privateWithin, zones);
  const vpc = Cidr.of(vpcCidr);
  const reserved = Cidr.of(privateWithin);
  const prefix = Math.min(28, Math.max(24, Cidr.of(priv[0]).prefix + 4));
  const free: string[] = [];
  for (let i = 0n; i < vpc.countBlocks(prefix) && free.length < zones; i++) {
    const block = subnetAt(vpc, prefix, Number(i));
    if (!block.overlaps(reserved)) free.push(block.toString());
  }
  if (free.length < zones) throw new Error(`${vpcCidr} has no room for ${zones} public /${prefix} subnets outside ${privateWithin}`);
  return { private: priv, public: free };
}

/**
 * The block at the top of `subnet` to reserve (EC2 subnet CIDR reservation of type `prefix`) so that /28 prefixes stay
 * available for `addresses` pod addresses: the smallest /28-aligned power-of-two block that holds them. Returns an
 * error string when that block would exceed half the subnet (nodes need the rest).
 */
export function prefixReservation(subnet: string, addresses: bigint): string | { readonly cidr: string; readonly prefixes: bigint } {
  const parent = Cidr.of(subnet);
  const prefix = Math.min(28, smallestPrefixFor(parent.family, addresses));
  if (prefix <= parent.prefix) return `${subnet} cannot hold ${addresses} pod addresses in /28 prefixes next to its nodes (allowed: at most half the subnet, ${parent.size / 2n} addresses)`;
  const blocks = Number(parent.countBlocks(prefix));
  const block = subnetAt(parent, prefix, blocks - 1);
  return { cidr: block.toString(), prefixes: block.countBlocks(28) };
}
