/**
 * Node slices ("Fast IPAM"): the node-slice controller divides a network's `range` into `node_slice_size` blocks and
 * gives each node one (whereabouts v0.9.4 pkg/iphelpers DivideRangeBySize, pkg/node-controller).
 */
import { Cidr } from '../../../plan/cidr';
import type { IssueCollector } from '../../../spec/issues';
import { WHEREABOUTS_RULES as R } from './rules';

/**
 * Checks one network's slicing. `range` is skipped when it is not a plain CIDR (the range rules report that; the
 * `a-b/nn` range-end syntax is left to whereabouts). `nodes` is the planned node count, when known.
 */
export function checkNodeSlices(range: string, size: string, path: string, issues: IssueCollector, nodes?: number): void {
  const cidr = Cidr.parse(range);
  if (typeof cidr === 'string') return;
  const text = size.startsWith('/') ? size.slice(1) : size;
  const bounds = { min: cidr.prefix, max: cidr.bits };
  if (!/^[+-]?\d+$/.test(text)) return issues.report(R.nodeSliceSizeInvalid, `${path}.node_slice_size`, { size, why: 'is not a prefix length', ...bounds });
  const slice = Number(text);
  if (slice < cidr.prefix) return issues.report(R.nodeSliceSizeInvalid, `${path}.node_slice_size`, { size, why: `is larger than the range ${range}`, ...bounds });
  if (slice > cidr.bits) return issues.report(R.nodeSliceSizeInvalid, `${path}.node_slice_size`, { size, why: `exceeds the ${cidr.family} address length /${cidr.bits}`, ...bounds });
  if (cidr.address !== cidr.network) issues.report(R.nodeSliceRangeHostBits, `${path}.range`, { range, canonical: cidr.toString() });
  const slices = 1n << BigInt(slice - cidr.prefix);
  if (nodes !== undefined && slices < BigInt(nodes)) issues.report(R.nodeSlicesFewerThanNodes, `${path}.node_slice_size`, { range, size, slices: slices.toString(), nodes });
}
