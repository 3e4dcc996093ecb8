/** Number formatting for plan rows, reports and messages, the same everywhere. */

/** A count with thousands separators, locale-independent: `1,048,576`. */
export function fmt(n: number | bigint): string {
  return n.toLocaleString('en-US');
}
