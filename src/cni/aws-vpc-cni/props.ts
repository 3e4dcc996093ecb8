import type { CrdPlacementProps } from '../common/crd-definition';
import type { ImageOptions } from '../common/images';
import type { SecurityGroupPolicyProps } from './security-group-policy';

/**
 * The aws-node settings, named after the upstream env vars (camelCase, as cdk-eks-blueprints' `VpcCniAddOn` names
 * them). Shared by the {@link AwsVpcCni} construct and the EKS add-on `configurationValues`.
 */
export interface AwsVpcCniSettings {
  /**
   * IPv6 cluster: `ENABLE_IPv6` true and `ENABLE_IPv4` false on aws-node, `ENABLE_IPv6` on the init container (it sets
   * the IPv6 sysctls), `--enable-ipv6` on the node agent. ipamd needs `enablePrefixDelegation` with it.
   * @default false
   */
  readonly enableIpv6?: boolean;
  /** `ENABLE_PREFIX_DELEGATION`: allocate /28 prefixes instead of secondary IPs (Nitro types only). @default false */
  readonly enablePrefixDelegation?: boolean;
  /** `WARM_PREFIX_TARGET`: free /28 prefixes to keep warm. @default 1 */
  readonly warmPrefixTarget?: number;
  /** `WARM_ENI_TARGET`: free ENIs to keep warm. @default 1 */
  readonly warmEniTarget?: number;
  /** `WARM_IP_TARGET`: free IPs to keep; overrides warmEniTarget. @default - not set */
  readonly warmIpTarget?: number;
  /** `MINIMUM_IP_TARGET`: floor on IPs per node. @default - not set */
  readonly minimumIpTarget?: number;
  /** `MAX_ENI`: cap on ENIs per node. @default - not set (the instance maximum) */
  readonly maxEni?: number;
  /** `AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG`: pods use the subnet and security groups of an ENIConfig. @default false */
  readonly customNetworkConfig?: boolean;
  /** `ENI_CONFIG_LABEL_DEF`: node label naming the ENIConfig. @default - not set (upstream: k8s.amazonaws.com/eniConfig) */
  readonly eniConfigLabelDef?: string;
  /** `ENABLE_POD_ENI`: security groups for pods. @default false */
  readonly enablePodEni?: boolean;
  /** `POD_SECURITY_GROUP_ENFORCING_MODE`: `strict` or `standard`. @default - not set (upstream: strict) */
  readonly podSecurityGroupEnforcingMode?: 'strict' | 'standard';
  /** `DISABLE_TCP_EARLY_DEMUX` (init container). @default false */
  readonly disableTcpEarlyDemux?: boolean;
  /** `AWS_VPC_K8S_CNI_EXTERNALSNAT`: no SNAT by the CNI. @default false */
  readonly externalSnat?: boolean;
  /** `AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS`: destinations not SNATed (written as given, comma-separated). @default - not set */
  readonly excludeSnatCidrs?: readonly string[];
  /** `AWS_VPC_K8S_CNI_RANDOMIZESNAT`. @default 'prng' */
  readonly randomizeSnat?: 'prng' | 'hashrandom' | 'none';
  /** `AWS_VPC_ENI_MTU`. @default 9001 */
  readonly eniMtu?: number;
  /** `AWS_VPC_CNI_NODE_PORT_SUPPORT`. @default true */
  readonly nodePortSupport?: boolean;
  /** `AWS_VPC_K8S_CNI_VETHPREFIX` (at most 4 characters). @default 'eni' */
  readonly vethPrefix?: string;
  /** `enableNetworkPolicy`: the node agent enforces NetworkPolicy (`--enable-network-policy`). @default false */
  readonly enableNetworkPolicy?: boolean;
  /** `NETWORK_POLICY_ENFORCING_MODE`. @default 'standard' */
  readonly networkPolicyEnforcingMode?: 'standard' | 'strict';
  /** Further aws-node env vars (upstream names); they win over the settings above. @default - none */
  readonly env?: Readonly<Record<string, string>>;
}

/** One ENIConfig: the pod subnet and security groups for the nodes that select it. */
export interface EniConfigProps {
  /** ENIConfig name: an availability zone when `eniConfigLabelDef` is `topology.kubernetes.io/zone`. */
  readonly name: string;
  /** Subnet ID (`subnet-…`). */
  readonly subnet: string;
  /** Security group IDs (`sg-…`). @default - the groups of the node's primary ENI */
  readonly securityGroups?: readonly string[];
}

export interface AwsVpcCniProps extends AwsVpcCniSettings, ImageOptions, CrdPlacementProps {
  /** Namespace of aws-node. @default 'kube-system' */
  readonly namespace?: string;
  /** Image tag of amazon-k8s-cni and amazon-k8s-cni-init (and `VPC_CNI_VERSION`). @default VERSIONS['aws-vpc-cni'].version */
  readonly version?: string;
  /**
   * Run the `aws-eks-nodeagent` container (the network policy agent). Upstream's chart runs it always
   * (`nodeAgent.enabled: true`); without it `NETWORK_POLICY_ENFORCING_MODE` and the bpf volume are left out.
   * @default true
   */
  readonly nodeAgent?: boolean;
  /** Also create the PolicyEndpoint and ClusterPolicyEndpoint CRDs (EKS installs them on its control plane). @default false */
  readonly policyEndpointCrds?: boolean;
  /** ENIConfigs to create (with the ENIConfig CRD). @default - none; the CRD is always created, as upstream's manifest does */
  readonly eniConfigs?: readonly EniConfigProps[];
  /**
   * SecurityGroupPolicies to create (security groups for pods; set `enablePodEni` too). Their CRD is part of EKS (the
   * VPC resource controller runs on its control plane), so it is not written here.
   * @default - none
   */
  readonly securityGroupPolicies?: readonly Omit<SecurityGroupPolicyProps, 'annotations'>[];
}
