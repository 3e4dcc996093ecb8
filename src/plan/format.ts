/** Number formatting for plan reports and messages. */

/** A count with thousands separators, e.g. `25,331`. */
export function formatCount(n: bigint | number): string {
  return n.toLocaleString('en-US');
}
