/** `spec.cni` when `type: aws-vpc-cni`. Leaf module: schema only. Field names follow the upstream env vars (ANCHORS.md §1.1). */
import { z } from 'zod';
import { cidrString, cniCommonShape, intInRange, strictObject } from '../../spec/zod-helpers';

const nonNegative = (description: string) => z.number().int().min(0).meta({ description });

export const eniConfigSpecSchema = strictObject(
  {
    name: z.string().min(1).meta({ description: 'ENIConfig name: the availability zone (with eniConfigLabelDef topology.kubernetes.io/zone), or the value of the node label.' }),
    subnet: z.string().min(1).meta({ description: 'Pod subnet ID (subnet-…), usually in a secondary VPC CIDR.' }),
    securityGroups: z.array(z.string().min(1)).optional().meta({ description: 'Security group IDs (sg-…) for pod ENIs. Default: the node primary ENI groups.' }),
    cidr: cidrString('CIDR of the subnet (optional): checked to lie inside the VPC and the pod ranges, and used for the subnet headroom.').optional(),
  },
  'One ENIConfig: the subnet and security groups pods use on nodes that select it.',
);

const labelSelectorSchema = strictObject(
  {
    matchLabels: z.record(z.string(), z.string()).optional().meta({ description: 'Labels the object must carry (ANDed).' }),
    matchExpressions: z
      .array(
        strictObject(
          {
            key: z.string().min(1).meta({ description: 'Label key.' }),
            operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']).meta({ description: 'How the key relates to the values.' }),
            values: z.array(z.string()).optional().meta({ description: 'Values (In / NotIn only).' }),
          },
          'One label selector requirement.',
        ),
      )
      .optional()
      .meta({ description: 'Label selector requirements (ANDed).' }),
  },
  'A Kubernetes label selector.',
);

export const securityGroupPolicySpecSchema = strictObject(
  {
    name: z.string().min(1).meta({ description: 'SecurityGroupPolicy name.' }),
    namespace: z.string().min(1).default('default').meta({ description: 'Namespace of the policy and of the pods it selects.' }),
    podSelector: labelSelectorSchema.optional().meta({ description: 'Pods (in the namespace) that get the security groups.' }),
    serviceAccountSelector: labelSelectorSchema.optional().meta({ description: 'Pods whose service account matches get the security groups.' }),
    securityGroups: z.array(z.string().min(1)).meta({ description: 'Security group IDs (sg-…) for the branch ENI of each selected pod (1 to 16, the CRD limits).' }),
  },
  'A SecurityGroupPolicy (vpcresources.k8s.aws/v1beta1): security groups for the pods it selects (needs podENI).',
);

export const instanceLimitsSpecSchema = strictObject(
  {
    enis: intInRange(1, 1000, 'Maximum ENIs (MaximumNetworkInterfaces).'),
    ipv4PerEni: intInRange(1, 1000, 'IPv4 addresses per ENI (Ipv4AddressesPerInterface).'),
    vcpus: intInRange(1, 10000, 'Default vCPUs.'),
    nitro: z.boolean().meta({ description: 'Nitro hypervisor (prefix delegation support).' }),
    trunking: z
      .boolean()
      .optional()
      .meta({ description: 'Trunk ENI support (security groups for pods; IsTrunkingCompatible in the VPC resource controller limits). Default: the nitro value.' }),
  },
  'Networking limits of an instance type the library does not carry (aws ec2 describe-instance-types).',
);

export const awsVpcCniSchema = strictObject(
  {
    type: z.literal('aws-vpc-cni'),
    ...cniCommonShape,
    prefixDelegation: strictObject(
      {
        enabled: z.boolean().default(false).meta({ description: 'ENABLE_PREFIX_DELEGATION: allocate /28 prefixes instead of single secondary IPs (Nitro only).' }),
        warmPrefixTarget: nonNegative('WARM_PREFIX_TARGET: free /28 prefixes to keep warm.').default(1),
      },
      'Prefix delegation.',
    ).default({ enabled: false, warmPrefixTarget: 1 }),
    warmENITarget: nonNegative('WARM_ENI_TARGET: free ENIs to keep warm.').default(1),
    warmIPTarget: nonNegative('WARM_IP_TARGET: free IPs to keep (overrides warmENITarget).').optional(),
    minimumIPTarget: nonNegative('MINIMUM_IP_TARGET: floor on IPs per node.').optional(),
    maxENI: intInRange(1, 1000, 'MAX_ENI: cap on ENIs per node.').optional(),
    customNetworking: strictObject(
      {
        enabled: z.boolean().default(false).meta({ description: 'AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: pods use the subnet and security groups of an ENIConfig.' }),
        eniConfigLabelDef: z.string().min(1).default('topology.kubernetes.io/zone').meta({ description: 'ENI_CONFIG_LABEL_DEF: node label whose value names the ENIConfig.' }),
        eniConfigs: z.array(eniConfigSpecSchema).default([]).meta({ description: 'One ENIConfig per zone in use.' }),
      },
      'Custom networking (pods in other subnets than their nodes).',
    ).default({ enabled: false, eniConfigLabelDef: 'topology.kubernetes.io/zone', eniConfigs: [] }),
    availabilityZones: z
      .array(z.string().min(1))
      .optional()
      .meta({ description: 'Availability zones the nodes run in; with custom networking by the zone label each needs an ENIConfig. Default: the ENIConfig names (with the zone label).' }),
    podENI: z.boolean().default(false).meta({ description: 'ENABLE_POD_ENI: security groups for pods (trunk/branch ENIs).' }),
    podSecurityGroupEnforcingMode: z
      .enum(['strict', 'standard'])
      .optional()
      .meta({ description: 'POD_SECURITY_GROUP_ENFORCING_MODE (with podENI): strict or standard. Upstream default: strict.' }),
    securityGroupPolicies: z
      .array(securityGroupPolicySpecSchema)
      .default([])
      .meta({ description: 'SecurityGroupPolicies to create (security groups for pods; needs podENI on trunk-capable instance types).' }),
    disableTcpEarlyDemux: z.boolean().default(false).meta({ description: 'DISABLE_TCP_EARLY_DEMUX (init container): needed for kubelet TCP probes to pods with security groups.' }),
    externalSNAT: z.boolean().default(false).meta({ description: 'AWS_VPC_K8S_CNI_EXTERNALSNAT: skip the CNI SNAT (a NAT gateway translates instead).' }),
    excludeSnatCIDRs: z.array(cidrString('A destination CIDR that is not SNATed.')).optional().meta({ description: 'AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS.' }),
    randomizeSNAT: z.enum(['prng', 'hashrandom', 'none']).default('prng').meta({ description: 'AWS_VPC_K8S_CNI_RANDOMIZESNAT.' }),
    nodePortSupport: z.boolean().default(true).meta({ description: 'AWS_VPC_CNI_NODE_PORT_SUPPORT: NodePort traffic on the primary ENI.' }),
    vethPrefix: z.string().min(1).max(4).default('eni').meta({ description: 'AWS_VPC_K8S_CNI_VETHPREFIX: host-side veth name prefix (at most 4 characters; not eth, lo or vlan).' }),
    nodeAgent: z
      .boolean()
      .default(true)
      .meta({ description: 'Run the aws-eks-nodeagent container, as upstream and the EKS add-on do (nodeAgent.enabled). false leaves it out of the manifests; it is required for networkPolicy.enabled.' }),
    networkPolicy: strictObject(
      {
        enabled: z.boolean().default(false).meta({ description: 'The node agent enforces NetworkPolicy (enableNetworkPolicy, --enable-network-policy); also adds the PolicyEndpoint CRDs.' }),
        enforcingMode: z.enum(['standard', 'strict']).default('standard').meta({ description: 'NETWORK_POLICY_ENFORCING_MODE.' }),
      },
      'Kubernetes NetworkPolicy enforcement by the aws-network-policy-agent.',
    ).default({ enabled: false, enforcingMode: 'standard' }),
    nodeInstanceTypes: z.array(z.string().min(1)).min(1).default(['m5.large']).meta({ description: 'Instance types of the nodes; drive max pods.' }),
    instanceLimits: z
      .record(z.string(), instanceLimitsSpecSchema)
      .optional()
      .meta({ description: 'Limits for instance types the library does not carry, keyed by type.' }),
  },
  'AWS VPC CNI: pods take VPC addresses from the node ENIs (secondary IPs or /28 prefixes).',
);

export type AwsVpcCniSpec = z.input<typeof awsVpcCniSchema>;
export type SecurityGroupPolicySpec = z.output<typeof securityGroupPolicySpecSchema>;
export type ResolvedAwsVpcCni = z.output<typeof awsVpcCniSchema>;
