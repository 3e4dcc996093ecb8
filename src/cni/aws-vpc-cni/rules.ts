/**
 * The AWS VPC CNI rules: what aws-node and ipamd refuse at start-up (errors), what they warn about or silently limit
 * (warnings), each traced to aws/amazon-vpc-cni-k8s at the pinned tag or the EKS documentation page that states it.
 */
import { defineRule } from '../../rules/rule';

const TAG = 'aws/amazon-vpc-cni-k8s@v1.23.1';
const EKS_DOCS = 'https://docs.aws.amazon.com/eks/latest/userguide';
const VALIDATE_ENV = `${TAG} cmd/aws-vpc-cni/main.go (validateEnvVars: aws-node exits 1 before ipamd starts)`;
const IS_CONFIG_VALID = `${TAG} pkg/ipamd/ipamd.go (isConfigValid: ipamd fails to start)`;
const PRE_SCALING = `${TAG} pkg/ipamd/ipamd.go (nodeInit → handlePreScaling: "Failed to attach any ENIs for custom networking", the node never becomes ready)`;
const SGP_CRD = 'aws/amazon-vpc-resource-controller-k8s@fc80a4cc config/crd/bases/vpcresources.k8s.aws_securitygrouppolicies.yaml';
const LIMITS_GO = 'aws/amazon-vpc-resource-controller-k8s@02c28c71 pkg/aws/vpc/limits.go (IsTrunkingCompatible, generated 2025-10-06)';
const SG_FOR_PODS_DOCS = `${EKS_DOCS}/security-groups-for-pods.html`;
const EC2_IDS = 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resource-ids.html (IDs are the prefix and 8 or 17 hexadecimal characters)';

/** One node type and what it can address, for the max-pods rules. */
interface TypePods {
  readonly maxPerNode: number;
  readonly type: string;
}

export const AWS_RULES = {
  reservedVethPrefix: defineRule<{ value: string }>({
    id: 'aws-vpc-cni/reserved-veth-prefix',
    severity: 'error',
    path: 'spec.cni.vethPrefix',
    summary: 'AWS_VPC_K8S_CNI_VETHPREFIX must not be one of the names aws-node reserves (eth, lo, vlan).',
    source: { upstream: VALIDATE_ENV },
    message: ({ value }) => `${JSON.stringify(value)} is reserved: aws-node exits at start-up for eth, lo and vlan (allowed: another prefix of at most 4 characters, e.g. the default eni)`,
  }),
  prefixDelegationWithoutWarmTarget: defineRule<object>({
    id: 'aws-vpc-cni/prefix-delegation-without-warm-target',
    severity: 'error',
    path: 'spec.cni.prefixDelegation.warmPrefixTarget',
    summary: 'Prefix delegation needs a warm target: WARM_PREFIX_TARGET 0 with neither WARM_IP_TARGET nor MINIMUM_IP_TARGET above 0 makes aws-node exit.',
    source: { upstream: VALIDATE_ENV },
    message: () => 'is 0 with prefix delegation on and neither spec.cni.warmIPTarget nor spec.cni.minimumIPTarget above 0, so aws-node exits at start-up (allowed: at least 1, or warmIPTarget / minimumIPTarget above 0)',
  }),
  singleIpFamily: defineRule<{ families: string }>({
    id: 'aws-vpc-cni/single-ip-family',
    severity: 'error',
    path: 'spec.ipFamilies',
    summary: 'The AWS VPC CNI runs IPv4 or IPv6, not dual stack (ENABLE_IPv4 and ENABLE_IPv6 both true stops ipamd).',
    source: { upstream: IS_CONFIG_VALID },
    message: ({ families }) => `[${families}] is dual stack, which ipamd refuses at start-up ("VPC CNI currently does not support dual stack mode") (allowed: [IPv4] or [IPv6])`,
  }),
  ipv6NeedsPrefixDelegation: defineRule<object>({
    id: 'aws-vpc-cni/ipv6-needs-prefix-delegation',
    severity: 'error',
    path: 'spec.cni.prefixDelegation.enabled',
    summary: 'IPv6 runs only in prefix delegation mode (ENABLE_IPv6 without ENABLE_PREFIX_DELEGATION stops ipamd).',
    source: { upstream: IS_CONFIG_VALID },
    message: () => 'is false but ipFamilies is [IPv6], and ipamd supports IPv6 only in prefix delegation mode (allowed: true)',
  }),
  ipv6WithoutCustomNetworking: defineRule<object>({
    id: 'aws-vpc-cni/ipv6-without-custom-networking',
    severity: 'error',
    path: 'spec.cni.customNetworking.enabled',
    summary: 'Custom networking is not supported with IPv6 (ipamd refuses the combination at start-up).',
    source: { upstream: IS_CONFIG_VALID },
    message: () => 'is true but ipFamilies is [IPv6], and ipamd refuses custom networking in IPv6 mode (allowed: false)',
  }),
  ipv6NeedsNitro: defineRule<{ type: string }>({
    id: 'aws-vpc-cni/ipv6-needs-nitro',
    severity: 'error',
    path: 'spec.cni.nodeInstanceTypes[*]',
    summary: 'IPv6 needs prefix delegation, which non-Nitro types lack; ipamd fails on them instead of falling back.',
    source: { upstream: IS_CONFIG_VALID },
    message: ({ type }) => `${type} is not a Nitro instance type; with IPv6 ipamd refuses it ("IPv6 is only supported in Prefix delegation Mode") (allowed: Nitro types such as m5.large)`,
  }),
  prefixDelegationNonNitro: defineRule<{ type: string; maxPods: number }>({
    id: 'aws-vpc-cni/prefix-delegation-non-nitro',
    severity: 'warning',
    path: 'spec.cni.nodeInstanceTypes[*]',
    summary: 'A non-Nitro type cannot use prefix delegation: ipamd warns and falls back to secondary IPs, so its max pods is the secondary-IP value.',
    source: { upstream: `${TAG} pkg/ipamd/ipamd.go (isConfigValid: "Prefix delegation is not supported on non-nitro instance … falling back to default (secondary IP) mode")` },
    message: ({ type, maxPods }) => `${type} is not a Nitro instance type, so ipamd falls back to secondary IPs on it: ${maxPods} max pods instead of the prefix-delegation value`,
  }),
  eniConfigsRequired: defineRule<object>({
    id: 'aws-vpc-cni/eni-configs-required',
    severity: 'error',
    path: 'spec.cni.customNetworking.eniConfigs',
    summary: 'Custom networking needs ENIConfigs: a node without one attaches no pod ENI and never becomes ready.',
    source: { upstream: PRE_SCALING },
    message: () => 'is empty but custom networking is on (allowed: one ENIConfig per availability zone the nodes run in)',
  }),
  eniConfigsIgnored: defineRule<{ count: number }>({
    id: 'aws-vpc-cni/eni-configs-ignored',
    severity: 'warning',
    path: 'spec.cni.customNetworking.eniConfigs',
    summary: 'ENIConfigs listed while custom networking is off are not written (ipamd would ignore them).',
    source: { opinion: 'ipamd reads ENIConfigs only with AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG; listing them without it usually means enabled: true was forgotten' },
    message: ({ count }) => `${count} ENIConfig(s) are listed but custom networking is off, so they are not written and pods use the node subnets (set spec.cni.customNetworking.enabled true to use them)`,
  }),
  duplicateEniConfig: defineRule<{ name: string; first: number }>({
    id: 'aws-vpc-cni/duplicate-eni-config',
    severity: 'error',
    path: 'spec.cni.customNetworking.eniConfigs[*].name',
    summary: 'ENIConfig names are unique (a cluster-scoped object per name).',
    source: { upstream: `${TAG} charts/aws-vpc-cni/crds/customresourcedefinition.yaml (ENIConfig is cluster-scoped: one object per name)` },
    message: ({ name, first }) => `${name} repeats spec.cni.customNetworking.eniConfigs[${first}].name (allowed: one ENIConfig per name)`,
  }),
  subnetId: defineRule<{ value: string }>({
    id: 'aws-vpc-cni/subnet-id',
    severity: 'error',
    path: 'spec.cni.customNetworking.eniConfigs[*].subnet',
    summary: 'An ENIConfig subnet is an EC2 subnet ID; ipamd cannot create pod ENIs in anything else.',
    source: { upstream: `${EC2_IDS}; ${PRE_SCALING}` },
    message: ({ value }) => `${value} is not a subnet ID (allowed: subnet- followed by 8 or 17 hex digits)`,
  }),
  securityGroupId: defineRule<{ value: string }>({
    id: 'aws-vpc-cni/security-group-id',
    severity: 'error',
    path: 'spec.cni.customNetworking.eniConfigs[*].securityGroups[*]',
    summary: 'ENIConfig security groups are EC2 security group IDs; ipamd cannot create pod ENIs with anything else.',
    source: { upstream: `${EC2_IDS}; ${PRE_SCALING}` },
    message: ({ value }) => `${value} is not a security group ID (allowed: sg- followed by 8 or 17 hex digits)`,
  }),
  eniConfigCidrOutsideVpc: defineRule<{ cidr: string; vpc: string }>({
    id: 'aws-vpc-cni/eni-config-cidr-outside-vpc',
    severity: 'error',
    path: 'spec.cni.customNetworking.eniConfigs[*].cidr',
    summary: 'An ENIConfig subnet lies inside the VPC ranges (a subnet is always carved from a VPC CIDR).',
    source: { upstream: 'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html (a subnet CIDR block is a subset of a VPC CIDR block)' },
    message: ({ cidr, vpc }) => `${cidr} is not inside the VPC ranges spec.nodes.cidrs [${vpc}] (allowed: a subnet of the VPC, e.g. of its secondary CIDR)`,
  }),
  eniConfigCidrOutsidePods: defineRule<{ cidr: string; pods: string }>({
    id: 'aws-vpc-cni/eni-config-cidr-outside-pods',
    severity: 'error',
    path: 'spec.cni.customNetworking.eniConfigs[*].cidr',
    summary: 'ENIConfig subnets hold pod addresses, so they lie inside spec.pods.cidrs (the plan and firewalls read pod ranges from there).',
    source: { contract: 'SPEC.md: spec.pods.cidrs are every range pods take addresses from' },
    message: ({ cidr, pods }) => `${cidr} is not inside spec.pods.cidrs [${pods}] (allowed: pod subnets inside the pod ranges)`,
  }),
  zoneWithoutEniConfig: defineRule<{ zone: string; names: string }>({
    id: 'aws-vpc-cni/zone-without-eni-config',
    severity: 'error',
    path: 'spec.cni.availabilityZones[*]',
    summary: 'With custom networking keyed by the zone label, every zone the nodes run in needs an ENIConfig named after it.',
    source: { upstream: PRE_SCALING },
    message: ({ zone, names }) => `zone ${zone} has no ENIConfig, so pods on its nodes get no addresses (allowed: zones with an entry in spec.cni.customNetworking.eniConfigs named ${zone}; have: [${names}])`,
  }),
  eniConfigNodeLabel: defineRule<{ label: string; names: string }>({
    id: 'aws-vpc-cni/eni-config-node-label',
    severity: 'warning',
    path: 'spec.cni.customNetworking.eniConfigLabelDef',
    summary: 'With a label other than the zone, nodes must carry it themselves; a node without it looks for the ENIConfig named default.',
    source: { upstream: `${TAG} pkg/eniconfig/eniconfig.go (GetNodeSpecificENIConfigName: annotation, then label, else "default")` },
    message: ({ label, names }) => `${label} is not the zone label: every node needs the label ${label}=<one of ${names}>, set by its node group; a node without it looks for an ENIConfig named default, which the spec does not have, and gets no pod addresses`,
  }),
  unknownInstanceType: defineRule<{ type: string }>({
    id: 'aws-vpc-cni/unknown-instance-type',
    severity: 'error',
    path: 'spec.cni.nodeInstanceTypes[*]',
    summary: 'Max pods and subnet use need the networking limits of every node type: from the library table or spec.cni.instanceLimits.',
    source: { contract: 'SPEC.md: spec.cni.nodeInstanceTypes drive max pods; types outside the table need spec.cni.instanceLimits' },
    message: ({ type }) => `${type} is not in the library's instance table (allowed: a type such as m5.large, or its limits in spec.cni.instanceLimits["${type}"]: {enis, ipv4PerEni, vcpus, nitro})`,
  }),
  noEniForPods: defineRule<{ what: string; allowed: string; reasons: string }>({
    id: 'aws-vpc-cni/no-eni-for-pods',
    severity: 'error',
    path: 'spec.cni.maxENI or spec.cni.nodeInstanceTypes[*]',
    summary: 'Custom networking (primary ENI carries no pods) and security groups for pods (a trunk ENI slot) must leave an ENI for pod addresses.',
    source: { upstream: `${PRE_SCALING}; hasRoomForEni keeps a slot for the trunk ENI` },
    message: ({ what, allowed, reasons }) => `${what} leaves no ENI for pods (${reasons}) (allowed: ${allowed})`,
  }),
  maxPodsAboveAddresses: defineRule<TypePods & { max: number; enis: number; ipv4PerEni: number; mode: string }>({
    id: 'aws-vpc-cni/max-pods-above-addresses',
    severity: 'error',
    path: 'spec.pods.maxPerNode',
    summary: 'kubelet max pods must not exceed the pods a node can address; pods beyond it fail with "failed to assign an IP address".',
    source: { upstream: `${TAG} misc/max-pods-calculator.sh --show-max-allowed and misc/eni-max-pods.txt (ENIs × (IPs − 1) + 2, × 16 per slot with prefixes); pods beyond it get no address from ipamd` },
    message: ({ maxPerNode, max, type, enis, ipv4PerEni, mode }) => `${maxPerNode} is above the ${max} pods a ${type} node can address (${enis} ENIs × ${ipv4PerEni} IPv4 each, ${mode}) (allowed: at most ${max})`,
  }),
  maxPodsAboveRecommended: defineRule<TypePods & { recommended: number; vcpus: string; raw: string }>({
    id: 'aws-vpc-cni/max-pods-above-recommended',
    severity: 'warning',
    path: 'spec.pods.maxPerNode',
    summary: 'kubelet max pods above the EKS recommendation (110 up to 30 vCPUs, else 250), which managed node groups enforce.',
    source: { upstream: `${EKS_DOCS}/cni-increase-ip-addresses-procedure.html (managed node groups enforce a maximum maxPods: 110 below 30 vCPUs, else 250)` },
    message: ({ maxPerNode, recommended, type, vcpus, raw }) => `${maxPerNode} is above the EKS-recommended ${recommended} for ${type} (${vcpus}); the node can address ${raw}, but managed node groups cap it and kubelet and the container runtime are sized for fewer pods`,
  }),
  minimumIpTargetWithoutWarm: defineRule<TypePods & { minimum: number; pool: number; addressed: number; pods: number }>({
    id: 'aws-vpc-cni/minimum-ip-target-without-warm',
    severity: 'warning',
    path: 'spec.cni.minimumIPTarget',
    summary: 'MINIMUM_IP_TARGET without WARM_IP_TARGET (or WARM_IP_TARGET 0): ipamd stops allocating at the minimum, so pods beyond it get no address.',
    source: { upstream: `${TAG} README.md (MINIMUM_IP_TARGET, note 2) and pkg/ipamd/ipamd.go (datastoreTargetState: short = max(WARM_IP_TARGET − available, MINIMUM_IP_TARGET − total))` },
    message: ({ minimum, pool, type, addressed, pods, maxPerNode }) =>
      `${minimum} without spec.cni.warmIPTarget: ipamd stops at ${pool} pod addresses per ${type} node, so only ${addressed} of its ${pods} pods (spec.pods.maxPerNode ${maxPerNode}) get an address (set warmIPTarget to at least 1, or minimumIPTarget to at least ${pods - 2})`,
  }),
  ipv6IgnoresWarmTargets: defineRule<{ field: string }>({
    id: 'aws-vpc-cni/ipv6-ignores-warm-targets',
    severity: 'warning',
    path: 'spec.cni.warmIPTarget | minimumIPTarget | warmENITarget | maxENI',
    summary: 'In IPv6 mode ipamd ignores the warm and minimum targets and MAX_ENI (one /80 on the primary ENI serves every pod).',
    source: { upstream: `${TAG} pkg/ipamd/ipamd.go (New: "WARM and Min IP/Prefix targets are ignored in IPv6 mode"; initENIAndIPLimits; StartNodeIPPoolManager returns early for IPv6)` },
    message: ({ field }) => `spec.cni.${field} has no effect with ipFamilies [IPv6]: ipamd ignores it (the /80 prefix on the primary ENI serves every pod)`,
  }),
  subnetExhausted: defineRule<{ cidr: string; capacity: string; spread: string; perNode: number; type: string; needed: string; prefix: number; maxNodes: string }>({
    id: 'aws-vpc-cni/subnet-exhausted',
    severity: 'error',
    path: 'spec.pods.cidrs[*] or spec.cni.customNetworking.eniConfigs[*].cidr',
    summary: 'The pod subnets cannot hold the addresses the nodes take even packed perfectly (ENI primaries, secondary IPs or /28 prefixes, warm pools).',
    source: { upstream: `${TAG} pkg/ipamd/ipamd.go (INSUFFICIENT_FREE_IP_SUBNET / INSUFFICIENT_CIDR_BLOCKS: EC2 refuses the addresses, the pool cannot grow, pods get none); https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html (5 reserved addresses per subnet)` },
    message: ({ cidr, capacity, spread, perNode, type, needed, prefix, maxNodes }) =>
      `${cidr} offers ${capacity} addresses but ${spread} × ${perNode} addresses per ${type} node need ${needed} (allowed: /${prefix} or larger, or at most ${maxNodes} nodes in all)`,
  }),
  subnetFragmentation: defineRule<{ cidr: string; capacity: string; worstCase: string; nodes: number; type: string; prefix: number; maxNodes: string }>({
    id: 'aws-vpc-cni/subnet-fragmentation',
    severity: 'warning',
    path: 'spec.pods.cidrs[*] or spec.cni.customNetworking.eniConfigs[*].cidr',
    summary: 'With prefix delegation each single address (ENI primary) can spoil a whole /28, so the subnet may run out of prefixes before its addresses.',
    source: { upstream: `${EKS_DOCS}/cni-increase-ip-addresses-procedure.html (prefixes need contiguous /28 blocks; scattered addresses make assignment fail; use a subnet CIDR reservation)` },
    message: ({ cidr, capacity, worstCase, nodes, type, prefix, maxNodes }) =>
      `${cidr} offers ${capacity} addresses in whole /28s; if every ENI primary address of ${nodes} ${type} nodes lands in a /28 of its own, they need ${worstCase} (reserve the prefix range with a subnet CIDR reservation of type prefix, or use /${prefix} or larger, or at most ${maxNodes} nodes in all)`,
  }),
  prefixDelegationExistingNodes: defineRule<object>({
    id: 'aws-vpc-cni/prefix-delegation-existing-nodes',
    severity: 'warning',
    path: 'spec.cni.prefixDelegation.enabled',
    summary: 'Prefix delegation applies to nodes launched after it is on; earlier nodes keep their secondary-IP max pods.',
    source: { upstream: `${EKS_DOCS}/cni-increase-ip-addresses-procedure.html (create new node groups after enabling prefixes; kubelet max pods is set at node launch)` },
    message: () => 'prefix delegation must be on before node groups are created; nodes launched earlier keep the secondary-IP max pods (e.g. 29 on m5.large). Set the vpc-cni add-on before compute.',
  }),
  eksServiceRange: defineRule<{ cidr: string; allowed: string }>({
    id: 'aws-vpc-cni/eks-service-range',
    severity: 'warning',
    path: 'spec.services.cidrs[0]',
    summary: 'On EKS the service range is /12 to /24 inside RFC 1918 (IPv4), or chosen by EKS from fc00::/7 (IPv6); fine for self-managed clusters.',
    source: { upstream: 'https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html (serviceIpv4Cidr: /12 to /24 within 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16; IPv6 service addresses are assigned from fc00::/7)' },
    message: ({ cidr, allowed }) => `on EKS, ${cidr} is not accepted: ${allowed} (fine for a self-managed cluster)`,
  }),
  eniMtu: defineRule<{ mtu: number; min: number; max: number }>({
    id: 'aws-vpc-cni/eni-mtu',
    severity: 'error',
    path: 'spec.nodes.mtu',
    summary: 'AWS_VPC_ENI_MTU is at most 9001 (the jumbo frame MTU of EC2 ENIs).',
    source: { upstream: `${TAG} README.md (AWS_VPC_ENI_MTU: valid range 576 to 9001)` },
    message: ({ mtu, min, max }) => `${mtu} is above the ${max} AWS ENIs support (allowed: ${min}-${max})`,
  }),
  networkPolicyNeedsNodeAgent: defineRule<object>({
    id: 'aws-vpc-cni/network-policy-needs-node-agent',
    severity: 'error',
    path: 'spec.cni.nodeAgent',
    summary: 'Network policy is enforced by the aws-eks-nodeagent container; without it policies are silently not enforced.',
    source: { upstream: `${TAG} charts/aws-vpc-cni/templates/daemonset.yaml (the aws-eks-nodeagent container, only with nodeAgent.enabled, runs --enable-network-policy)` },
    message: () => 'is false but spec.cni.networkPolicy.enabled is true, and the node agent is what enforces network policy (allowed: true with network policy on)',
  }),
  podEniTrunking: defineRule<{ type: string }>({
    id: 'aws-vpc-cni/pod-eni-trunking',
    severity: 'error',
    path: 'spec.cni.nodeInstanceTypes[*]',
    summary: 'Security groups for pods need a trunk ENI; the VPC resource controller attaches none to types that are not trunking-compatible (t family, Xen generation), so with no trunking type at all selected pods never schedule.',
    source: { upstream: `${LIMITS_GO}: the VPC resource controller attaches a trunk ENI (and so branch ENIs, advertised as vpc.amazonaws.com/pod-eni) only to IsTrunkingCompatible types; false for t2, t3, t3a, t4g and m4 sizes` },
    message: ({ type }) => `${type} cannot carry a trunk ENI (IsTrunkingCompatible false upstream), so pods selected by a SecurityGroupPolicy never get a branch ENI and stay Pending (allowed with podENI: trunking-compatible types such as m5.large, c6i.large, r6g.large; not t2/t3/t3a/t4g/m4)`,
  }),
  podEniTrunkingSome: defineRule<{ type: string }>({
    id: 'aws-vpc-cni/pod-eni-trunking-mixed',
    severity: 'warning',
    path: 'spec.cni.nodeInstanceTypes[*]',
    summary: 'Some node types cannot carry a trunk ENI: pods a SecurityGroupPolicy selects run only on the others.',
    source: {
      upstream:
        'aws/amazon-vpc-resource-controller-k8s webhooks/core/pod_webhook.go (HandleLinuxPod adds a vpc.amazonaws.com/pod-eni request to selected pods; only trunk-attached nodes advertise it) and aws/amazon-vpc-cni-k8s README (non-trunk nodes keep has-trunk-attached=false)',
    },
    message: ({ type }) => `${type} cannot carry a trunk ENI (IsTrunkingCompatible false upstream): pods selected by a SecurityGroupPolicy are scheduled only on the trunking-compatible types (allowed: as is, or trunking-compatible types only)`,
  }),
  podEniTcpEarlyDemux: defineRule<{ mode: string }>({
    id: 'aws-vpc-cni/pod-eni-tcp-early-demux',
    severity: 'warning',
    path: 'spec.cni.disableTcpEarlyDemux',
    summary: 'With security groups for pods, kubelet TCP probes to pods on branch ENIs need DISABLE_TCP_EARLY_DEMUX=true on the init container.',
    source: { upstream: `${TAG} README.md (DISABLE_TCP_EARLY_DEMUX: with ENABLE_POD_ENI true it should be true on the init container for kubelet TCP liveness/readiness probes to pods using security groups); aws-node starts either way` },
    message: ({ mode }) => `is false with podENI on (${mode} mode): kubelet TCP liveness and readiness probes to pods with security groups fail unless TCP early demux is disabled (set spec.cni.disableTcpEarlyDemux: true; it adds a little local TCP latency)`,
  }),
  policiesNeedPodEni: defineRule<{ count: number }>({
    id: 'aws-vpc-cni/security-group-policies-need-pod-eni',
    severity: 'error',
    path: 'spec.cni.podENI',
    summary: 'SecurityGroupPolicies act only with ENABLE_POD_ENI: without it no node gets a trunk ENI and the selected pods never get their security groups.',
    source: { upstream: `${TAG} README.md (ENABLE_POD_ENI: the VPC resource controller attaches the trunk ENI only to nodes where it is true; pods selected by a SecurityGroupPolicy request vpc.amazonaws.com/pod-eni); ${SG_FOR_PODS_DOCS}` },
    message: ({ count }) => `is false but spec.cni.securityGroupPolicies lists ${count} polic${count === 1 ? 'y' : 'ies'}: no node gets a trunk ENI, so the pods they select cannot get branch ENIs (allowed: true)`,
  }),
  duplicatePolicy: defineRule<{ name: string; namespace: string; first: number }>({
    id: 'aws-vpc-cni/duplicate-security-group-policy',
    severity: 'error',
    path: 'spec.cni.securityGroupPolicies[*].name',
    summary: 'SecurityGroupPolicy names are unique per namespace (one object per namespace/name).',
    source: { upstream: `${SGP_CRD} (scope: Namespaced)` },
    message: ({ name, namespace, first }) => `${namespace}/${name} repeats spec.cni.securityGroupPolicies[${first}] (allowed: one policy per namespace and name)`,
  }),
  policySecurityGroupCount: defineRule<{ count: number; max: number }>({
    id: 'aws-vpc-cni/security-group-policy-group-count',
    severity: 'error',
    path: 'spec.cni.securityGroupPolicies[*].securityGroups',
    summary: 'A SecurityGroupPolicy names 1 to 16 security groups (the CRD bounds groupIds; the API server rejects the object otherwise).',
    source: { upstream: `${SGP_CRD} (spec.securityGroups.groupIds: minItems 1, maxItems 16)` },
    message: ({ count, max }) => `has ${count} security groups (allowed: 1 to ${max})`,
  }),
  policySecurityGroupId: defineRule<{ value: string }>({
    id: 'aws-vpc-cni/security-group-policy-group-id',
    severity: 'error',
    path: 'spec.cni.securityGroupPolicies[*].securityGroups[*]',
    summary: 'SecurityGroupPolicy groups are EC2 security group IDs; the controller cannot create branch ENIs with anything else.',
    source: { upstream: `${EC2_IDS}; ${SGP_CRD} (groupIds: "EC2 Security Groups Ids that need to be applied to the ENI of a Pod")` },
    message: ({ value }) => `${value} is not a security group ID (allowed: sg- followed by 8 or 17 hex digits)`,
  }),
  policyWithoutSelector: defineRule<{ name: string }>({
    id: 'aws-vpc-cni/security-group-policy-without-selector',
    severity: 'warning',
    path: 'spec.cni.securityGroupPolicies[*]',
    summary: 'A SecurityGroupPolicy with neither podSelector nor serviceAccountSelector selects no pod.',
    source: { upstream: `${SGP_CRD} (podSelector / serviceAccountSelector: "A null label selector matches no objects")` },
    message: ({ name }) => `policy ${name} has neither podSelector nor serviceAccountSelector, so it selects no pod (add podSelector: {matchLabels: ...} or serviceAccountSelector)`,
  }),
  eksAddonNeedsAwsVpcCni: defineRule<{ type: string }>({
    id: 'aws-vpc-cni/eks-addon-values-needs-aws-vpc-cni',
    severity: 'error',
    path: 'spec.cni.type',
    summary: '`cdk8s-cni eks-addon-values` reads an aws-vpc-cni spec: the vpc-cni add-on configures the Amazon VPC CNI only.',
    source: { contract: 'docs/cni/aws-vpc-cni.md "EKS add-on values from the CLI": eks-addon-values prints the vpc-cni add-on configurationValues of an aws-vpc-cni spec (the add-on installs the Amazon VPC CNI only)' },
    message: ({ type }) => `is ${type}, but the EKS vpc-cni add-on values come from an aws-vpc-cni spec (allowed: aws-vpc-cni)`,
  }),
};
