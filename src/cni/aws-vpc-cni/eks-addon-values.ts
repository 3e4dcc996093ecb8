/**
 * What `cdk8s-cni eks-addon-values` prints: the EKS `vpc-cni` add-on `configurationValues` (the same object the EKS
 * stack passes to `aws.eks.Addon`) and the node settings the spec implies per instance type (kubelet `maxPods`, as the
 * stack's node groups set it), so Terraform, eksctl and `aws eks` users get the values the library validated.
 */
import { prefixDelegationApplies } from '../../plan/aws-max-pods';
import { PLATFORM_RULES } from '../../platforms/rules';
import { issueOf, type SpecIssue } from '../../spec/issues';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { eksVpcCniAddonConfiguration } from './eks-addon';
import { awsIpv6, awsMaxPods, nodeTypeLimits } from './plan';
import { AWS_RULES as R } from './rules';
import { asAwsVpcCniNetwork } from './settings';
import { trunkingCompatible } from './trunking';

/** The recommended settings of the nodes of one instance type. */
export interface EksNodeSettings {
  readonly instanceType: string;
  /** Kubelet `maxPods` (`--max-pods`, NodeConfig `kubelet.config.maxPods`): the calculated value, capped by spec.pods.maxPerNode. */
  readonly maxPods: number;
  /** What the node can address without the EKS-recommended 110 / 250 cap (`max-pods-calculator.sh --show-max-allowed`); null for IPv6 (unbounded). */
  readonly maxPodsAddressable: number | null;
  /** How pods get addresses on this type: `prefix delegation`, `secondary IPs` or `IPv6 prefix`. */
  readonly addressing: 'prefix delegation' | 'secondary IPs' | 'IPv6 prefix';
  /** With podENI: whether the type carries a trunk ENI (security groups for pods). */
  readonly trunking?: boolean;
}

/** What `eks-addon-values` prints: the add-on name, its configurationValues and the node settings per instance type. */
export interface EksAddonValues {
  /** Always `vpc-cni`. */
  readonly addonName: 'vpc-cni';
  /** The add-on `configurationValues` (pass as JSON: `aws eks create-addon --configuration-values`). */
  readonly configurationValues: Record<string, unknown>;
  /** One entry per `spec.cni.nodeInstanceTypes`, in spec order. */
  readonly nodes: readonly EksNodeSettings[];
}

/** Why a network has no EKS add-on values (empty when it has): its CNI is not aws-vpc-cni, or it leaves the node agent out. */
export function eksAddonValuesIssues(network: ResolvedClusterNetwork): SpecIssue[] {
  const cni = network.spec.cni;
  if (cni.type !== 'aws-vpc-cni') return [issueOf(R.eksAddonNeedsAwsVpcCni, 'spec.cni.type', { type: cni.type })];
  return cni.nodeAgent ? [] : [issueOf(PLATFORM_RULES.eksAddonNodeAgent, 'spec.cni.nodeAgent', {})];
}

/** The add-on values and node settings of a validated aws-vpc-cni network. Throws for another CNI. */
export function eksAddonValues(network: ResolvedClusterNetwork): EksAddonValues {
  const n = asAwsVpcCniNetwork(network, 'eksAddonValues');
  const ipv6 = awsIpv6(n);
  const nodes = nodeTypeLimits(n).map(({ type, limits }): EksNodeSettings => {
    // Validation refused unknown types, so every type has limits here.
    const l = limits!;
    const raw = awsMaxPods(n, l, { cap: false });
    return {
      instanceType: type,
      maxPods: Math.min(n.spec.pods.maxPerNode, awsMaxPods(n, l)),
      maxPodsAddressable: Number.isFinite(raw) ? raw : null,
      addressing: ipv6 ? 'IPv6 prefix' : prefixDelegationApplies(l, n.spec.cni.prefixDelegation.enabled) ? 'prefix delegation' : 'secondary IPs',
      ...(n.spec.cni.podENI ? { trunking: trunkingCompatible(n, type) ?? false } : {}),
    };
  });
  return { addonName: 'vpc-cni', configurationValues: eksVpcCniAddonConfiguration(n), nodes };
}
