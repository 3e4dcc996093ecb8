/**
 * Max pods per node for the AWS VPC CNI, exactly as awslabs/amazon-eks-ami `files/max-pods-calculator.sh` computes it
 * (ANCHORS.md §1.4):
 *
 *   enis_for_pods = min(MAX_ENI, ENIs) − (custom networking ? 1 : 0) − (security groups for pods ? 1 : 0)
 *   secondary IPs:     enis_for_pods × (IPs − 1) + 2
 *   prefix delegation: enis_for_pods × ((IPs − 1) × 16) + 2      (Nitro types only; others fall back to secondary IPs)
 *   recommended:       min(max_pods, vCPUs ≤ 30 ? 110 : 250)
 *
 * The "+ 2" counts the host-network pods (aws-node, kube-proxy). Two corrections to the calculator, from ipamd itself
 * (aws/amazon-vpc-cni-k8s@v1.23.1 pkg/ipamd/ipamd.go):
 * - security groups for pods (`ENABLE_POD_ENI`): `hasRoomForEni` keeps one ENI slot for the trunk ENI, so one ENI fewer
 *   holds pod addresses (m5.large: 20, with custom networking 11);
 * - IPv6: pods take addresses from one /80 prefix on the primary ENI (`isConfigValid` requires prefix delegation), so
 *   addresses never limit max pods; only the recommended 110 / 250 applies.
 */
import { instanceLimits, type InstanceNetworkLimits } from './aws-instance-limits';

export { instanceLimits, knownInstanceTypes, type InstanceNetworkLimits } from './aws-instance-limits';

/** Addresses in one delegated IPv4 prefix (a /28). */
export const PREFIX_ADDRESSES = 16;
/** Host-network pods the formula adds (aws-node and kube-proxy). */
export const HOST_NETWORK_PODS = 2;
/** The recommended cap for types with at most {@link CAP_VCPU_THRESHOLD} vCPUs. */
export const SMALL_INSTANCE_CAP = 110;
/** The recommended cap for larger types. */
export const LARGE_INSTANCE_CAP = 250;
export const CAP_VCPU_THRESHOLD = 30;

export interface MaxPodsOptions {
  /** An instance type from the library's table (see {@link instanceLimits}); ignored when `limits` is given. */
  readonly instanceType?: string;
  /** Limits for a type the table does not carry. @default - the table row of `instanceType` */
  readonly limits?: InstanceNetworkLimits;
  /** `ENABLE_PREFIX_DELEGATION`: /28 prefixes per ENI slot (Nitro only). */
  readonly prefixDelegation: boolean;
  /** `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG`: the primary ENI carries no pods. */
  readonly customNetworking: boolean;
  /** Apply the recommended 110/250 cap (the calculator's default; `--show-max-allowed` skips it). @default true */
  readonly cap?: boolean;
  /** `MAX_ENI`: cap on ENIs per node. @default - the instance maximum */
  readonly maxEni?: number;
  /** `ENABLE_POD_ENI`: ipamd keeps one ENI slot for the trunk ENI. @default false */
  readonly podEni?: boolean;
  /** `ENABLE_IPv6`: pods use a /80 on the primary ENI; without the cap the result is unbounded (Infinity). @default false */
  readonly ipv6?: boolean;
}

/** Resolves the limits of `opts` (explicit limits first, then the table) or undefined when neither is known. */
export function resolveLimits(opts: Pick<MaxPodsOptions, 'instanceType' | 'limits'>): InstanceNetworkLimits | undefined {
  return opts.limits ?? (opts.instanceType !== undefined ? instanceLimits(opts.instanceType) : undefined);
}

/**
 * ENIs that carry pod addresses: `min(MAX_ENI, ENIs)`, one fewer with custom networking (the primary ENI carries no
 * pods) and one fewer with security groups for pods (ipamd `hasRoomForEni` keeps a slot for the trunk ENI).
 */
export function enisForPods(limits: InstanceNetworkLimits, customNetworking: boolean, maxEni?: number, podEni = false): number {
  const enis = maxEni !== undefined ? Math.min(maxEni, limits.enis) : limits.enis;
  return Math.max(0, enis - (customNetworking ? 1 : 0) - (podEni ? 1 : 0));
}

/** The recommended cap of a type: 110 up to 30 vCPUs, 250 above. */
export function recommendedCap(limits: InstanceNetworkLimits): number {
  return limits.vcpus <= CAP_VCPU_THRESHOLD ? SMALL_INSTANCE_CAP : LARGE_INSTANCE_CAP;
}

/** True when prefix delegation actually applies: requested and the type is Nitro. */
export function prefixDelegationApplies(limits: InstanceNetworkLimits, prefixDelegation: boolean): boolean {
  return prefixDelegation && limits.nitro;
}

/**
 * Max pods for an instance type under the given CNI settings. Throws when the type is not in the table and no
 * `limits` are given (the spec layer reports that as a validation issue instead).
 */
export function maxPods(opts: MaxPodsOptions): number {
  const limits = resolveLimits(opts);
  if (!limits) {
    throw new Error(`unknown instance type ${JSON.stringify(opts.instanceType ?? '')}: pass its limits ({ enis, ipv4PerEni, vcpus, nitro })`);
  }
  if (opts.ipv6) return opts.cap === false ? Number.POSITIVE_INFINITY : recommendedCap(limits);
  const enis = enisForPods(limits, opts.customNetworking, opts.maxEni, opts.podEni);
  const perEni = limits.ipv4PerEni - 1;
  const slots = prefixDelegationApplies(limits, opts.prefixDelegation) ? perEni * PREFIX_ADDRESSES : perEni;
  const raw = enis * slots + HOST_NETWORK_PODS;
  if (opts.cap === false) return raw;
  return Math.min(raw, recommendedCap(limits));
}
