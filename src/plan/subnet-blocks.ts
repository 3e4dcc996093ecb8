/**
 * Whole aligned blocks (e.g. /28) a cloud subnet can hand out. AWS and Azure both reserve the first four addresses
 * and the last one of every subnet, so the first and the last block of the subnet are never whole: a subnet with
 * `B` aligned blocks hands out `B − 2` of them. Used for AWS prefix delegation (/28 prefixes on ENIs) and Azure
 * StaticBlock pod subnets (/28 blocks per node).
 */
import type { Cidr } from './cidr';
import { smallestPrefixFor } from './cidr';

/** The blocks holding reserved addresses: the first and the last. */
export const RESERVED_EDGE_BLOCKS = 2n;

/** Whole `/blockPrefix` blocks `subnet` can hand out (0 when the subnet is not larger than two blocks). */
export function allocatableBlocks(subnet: Cidr, blockPrefix: number): bigint {
  if (subnet.prefix > blockPrefix) return 0n;
  const blocks = subnet.size >> BigInt(subnet.bits - blockPrefix);
  return blocks > RESERVED_EDGE_BLOCKS ? blocks - RESERVED_EDGE_BLOCKS : 0n;
}

/** Addresses a subnet needs to hand out `blocks` whole `/blockPrefix` blocks: `(blocks + 2) × block size`. */
export function addressesForBlocks(blocks: bigint, blockPrefix: number, bits = 32): bigint {
  return (blocks + RESERVED_EDGE_BLOCKS) << BigInt(bits - blockPrefix);
}

/** The longest IPv4 prefix whose subnet hands out `blocks` whole `/blockPrefix` blocks. */
export function prefixForBlocks(blocks: bigint, blockPrefix: number): number {
  return smallestPrefixFor('IPv4', addressesForBlocks(blocks, blockPrefix));
}
