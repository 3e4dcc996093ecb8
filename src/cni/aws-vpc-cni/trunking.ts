/**
 * Trunk ENI support per instance type: security groups for pods (`ENABLE_POD_ENI`) need a trunk ENI, which the VPC
 * resource controller attaches only to types whose `IsTrunkingCompatible` is true in its limits table
 * (aws/amazon-vpc-resource-controller-k8s `pkg/aws/vpc/limits.go`, generated 2025-10-06, commit 02c28c714bc8). Of the
 * library's instance table (src/plan/aws-instance-limits.ts), the burstable families and the Xen generation lack it;
 * every other family in that table is trunking-compatible in every size listed there.
 */
import { instanceLimits } from '../../plan/aws-instance-limits';
import type { AwsVpcCniNetwork } from './settings';

/** Families of the library's table whose types have `IsTrunkingCompatible: false` upstream. */
export const NON_TRUNKING_FAMILIES: ReadonlySet<string> = new Set(['t2', 't3', 't3a', 't4g', 'm4']);

/**
 * Whether an instance type can carry a trunk ENI: `spec.cni.instanceLimits[type].trunking` when given (else its
 * `nitro`), then the library's table; undefined for a type neither knows (reported as unknown elsewhere).
 */
export function trunkingCompatible(n: AwsVpcCniNetwork, type: string): boolean | undefined {
  const own = n.spec.cni.instanceLimits?.[type];
  if (own) return own.trunking ?? own.nitro;
  if (!instanceLimits(type)) return undefined;
  return !NON_TRUNKING_FAMILIES.has(type.split('.')[0]);
}
