/**
 * Rules of the Pulumi cluster components (`cdk8s-cni/pulumi`: EksCluster, AksCluster, KubeadmCluster): what a cluster
 * kind demands of the network and of the cluster options, checked before any cloud resource is registered. Plain
 * data, no Pulumi: the checks live in `stacks/`, the catalogue (docs/rules.md) lists the rules from here.
 */
import { defineRule } from '../rules/rule';

const SIZED_FOR_MAX_COUNT = {
  contract: 'SPEC.md spec.nodes.maxCount: the IP plan (subnets, prefix reservations, pod ranges) is sized for at most maxCount nodes',
};

export const PLATFORM_RULES = {
  eksAddonNodeAgent: defineRule({
    id: 'eks/vpc-cni-addon-node-agent',
    severity: 'error',
    path: 'spec.cni.nodeAgent',
    summary: 'On EKS the VPC CNI is the vpc-cni add-on, which always runs the aws-eks-nodeagent container; nodeAgent false would describe a different DaemonSet than the one EKS installs.',
    source: {
      upstream:
        'aws/amazon-vpc-cni-k8s issues #2565 and #2897 (maintainers): the add-on DaemonSet always carries the aws-eks-nodeagent container ("installed with the CNI so that anytime a customer wants to enable" network policy); the add-on configuration has nodeAgent settings but no switch that removes it',
    },
    message: () => 'is false, but the EKS vpc-cni add-on always runs the node agent (allowed on cluster eks: true, the default)',
  }),
  nodeGroupMaxSize: defineRule<{ what: string; total: number; maxCount: number }>({
    id: 'platform/node-pools-within-max-count',
    severity: 'error',
    path: 'eks.nodeGroups[*].maxSize / aks.*Pools[*].maxCount',
    summary: 'The node groups or pools together may not grow beyond spec.nodes.maxCount, the node count subnets and prefix reservations are sized for.',
    source: SIZED_FOR_MAX_COUNT,
    message: ({ what, total, maxCount }) => `${what} add up to ${total} nodes, more than spec.nodes.maxCount ${maxCount} the network is planned for (allowed: at most ${maxCount} in total, or raise spec.nodes.maxCount)`,
  }),
  aksReservedRange: defineRule<{ cidr: string; reserved: string; all: string }>({
    id: 'aks/reserved-range',
    severity: 'error',
    path: 'spec.pods.cidrs[*] / spec.services.cidrs[*] / spec.nodes.cidrs[*]',
    summary: 'AKS refuses pod, service and VNet ranges that overlap the address ranges it reserves, also with a bring-your-own CNI (networkPlugin none).',
    source: {
      upstream:
        'https://learn.microsoft.com/azure/aks/azure-cni-overlay#ip-address-planning and aks/use-byo-cni: 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16 and 192.0.2.0/24 are reserved for the cluster and cannot be used by pod, service or node ranges',
    },
    message: ({ cidr, reserved, all }) => `${cidr} overlaps ${reserved}, a range AKS reserves (allowed: ranges outside ${all})`,
  }),
  eksOverlayControlPlaneReach: defineRule<{ cni: string }>({
    id: 'eks/overlay-control-plane-reach',
    severity: 'warning',
    path: 'spec.cni.type',
    summary: 'With a bring-your-own overlay CNI on EKS the managed control plane is outside the overlay and cannot reach pod IPs: admission webhooks and aggregated APIs must run with hostNetwork.',
    source: {
      upstream:
        'https://docs.tigera.io/calico/latest/getting-started/kubernetes/managed-public-cloud/eks ("the EKS control plane cannot initiate network connections to Calico pods ... webhooks must use host networking") and https://docs.cilium.io/en/stable/installation/k8s-install-helm/ (EKS overlay: webhooks need hostNetwork)',
    },
    message: ({ cni }) => `${cni} gives pods overlay addresses the EKS control plane cannot reach: admission webhooks, aggregated APIs (metrics-server) and conversion webhooks must run with hostNetwork: true (or use the AWS VPC CNI)`,
  }),
  existingSubnetOutsideVpc: defineRule<{ cidr: string; vpc: string }>({
    id: 'platform/existing-subnet-in-network',
    severity: 'error',
    path: 'eks.vpc.privateSubnets[*].cidr / aks.vnet.*Subnet.cidr',
    summary: 'A subnet brought with an existing VPC or VNet lies inside spec.nodes.cidrs, the network range the IP plan was checked for.',
    source: { contract: 'SPEC.md spec.nodes.cidrs: the VPC / VNet address space the nodes (and VPC-native pods) use' },
    message: ({ cidr, vpc }) => `${cidr} is not inside spec.nodes.cidrs [${vpc}] (allowed: subnets of the ranges the spec plans)`,
  }),
  existingSubnetZones: defineRule<{ zones: string; missing: string }>({
    id: 'eks/existing-subnets-two-zones',
    severity: 'error',
    path: 'eks.vpc.privateSubnets',
    summary: 'EKS needs subnets in at least two availability zones; with an existing VPC every cluster zone needs a private subnet.',
    source: { upstream: 'https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html: "The subnets must each be in a different Availability Zone ... at least two"' },
    message: ({ zones, missing }) => `have subnets in [${zones}] but none in [${missing}] (allowed: one private subnet in each cluster zone, at least two zones)`,
  }),
  existingSubnetTooSmall: defineRule<{ cidr: string; usable: bigint; needed: bigint; what: string }>({
    id: 'platform/existing-subnet-capacity',
    severity: 'error',
    path: 'eks.vpc.*Subnets[*].cidr / aks.vnet.*Subnet.cidr',
    summary: 'An existing subnet must hold the addresses the plan needs in it: the zone share of spec.nodes.maxCount nodes, and with VPC-native pods their pods as well.',
    source: SIZED_FOR_MAX_COUNT,
    message: ({ cidr, usable, needed, what }) => `${cidr} has ${usable} usable addresses, but ${what} need ${needed} (allowed: a larger subnet, or a smaller spec.nodes.maxCount / spec.pods.maxPerNode)`,
  }),
};

const CLUSTER_NAME = { eks: 'EKS', aks: 'AKS' } as const;
const STACK_SCOPE = { contract: 'docs/pulumi.md: what each cluster component builds (IPv4 VPC / VNet from spec.nodes.cidrs, the CNI applied after the cluster exists)' };

/** Rules of what each cluster kind builds, converted from the stack checks (messages unchanged). */
export const CLUSTER_RULES = {
  nodesCidrsRequired: defineRule<{ cluster: string; what: string; allowed: string }>({
    id: 'platform/nodes-cidrs-required',
    severity: 'error',
    path: 'spec.nodes.cidrs',
    summary: 'The EKS and kubeadm clusters build their VPC, and AKS with a bring-your-own CNI its VNet, from spec.nodes.cidrs.',
    source: STACK_SCOPE,
    message: ({ cluster, what, allowed }) => `is required for cluster ${cluster}${what} (allowed: ${allowed})`,
  }),
  awsVpcRange: defineRule<{ cidr: string }>({
    id: 'aws/vpc-range',
    severity: 'error',
    path: 'spec.nodes.cidrs[*]',
    summary: 'AWS accepts VPC ranges (and associated secondary ranges) from /16 to /28, IPv4.',
    source: { upstream: 'https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html: "The allowed block size is between a /16 netmask and /28 netmask"' },
    message: ({ cidr }) => `${cidr} cannot be a VPC range (allowed: IPv4 CIDRs /16 to /28)`,
  }),
  ipv4Only: defineRule<{ families: string; cluster: string }>({
    id: 'platform/ipv4-only',
    severity: 'error',
    path: 'spec.ipFamilies',
    summary: 'The cluster components build IPv4 clusters only (no IPv6 VPC, VNet or EKS IPv6 mode yet).',
    source: STACK_SCOPE,
    message: ({ families, cluster }) => `[${families}] is not supported by the ${cluster} stack (allowed: [IPv4])`,
  }),
  noNodeCidrs: defineRule<{ cni: string; cluster: 'eks' | 'aks' }>({
    id: 'platform/no-node-cidr-allocation',
    severity: 'error',
    path: 'spec.cni.type',
    summary: 'EKS and AKS (networkPlugin none) allocate no node podCIDRs, so CNIs that read node.spec.podCIDR never start there.',
    source: {
      upstream:
        'https://docs.aws.amazon.com/eks/latest/userguide/alternate-cni-plugins.html (EKS runs the controller manager without --allocate-node-cidrs) and https://learn.microsoft.com/azure/aks/use-byo-cni (the CNI must bring its own IPAM)',
    },
    message: ({ cni, cluster }) =>
      `${cni} takes pod ranges from node podCIDRs, which ${CLUSTER_NAME[cluster]} does not allocate (allowed on ${cluster}: a CNI with its own IPAM — Calico, Cilium cluster-pool, Weave — or the cloud's own CNI)`,
  }),
  kubeProxyReplacement: defineRule<{ cluster: 'eks' | 'aks' }>({
    id: 'platform/kube-proxy-replacement-endpoint',
    severity: 'error',
    path: 'spec.cni.kubeProxyReplacement',
    summary: 'A kube-proxy replacement needs the API server address in the spec, which a managed cluster assigns only when it is created.',
    source: { upstream: 'cilium/cilium docs "Kubernetes Without kube-proxy": k8sServiceHost / k8sServicePort are required when kube-proxy is replaced' },
    message: ({ cluster }) =>
      `true needs the API server address in the spec, which ${CLUSTER_NAME[cluster]} assigns only when the cluster is created (allowed on ${cluster}: false — kube-proxy runs as ${cluster === 'eks' ? 'an EKS add-on' : 'part of AKS'}; use cluster kubeadm for a kube-proxy-free cluster)`,
  }),
  eksServiceRange: defineRule<{ cidr: string }>({
    id: 'eks/service-range',
    severity: 'error',
    path: 'spec.services.cidrs[0]',
    summary: 'EKS takes a service range of /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.',
    source: { upstream: 'https://docs.aws.amazon.com/eks/latest/APIReference/API_KubernetesNetworkConfigRequest.html (serviceIpv4Cidr: RFC 1918 ranges, between /24 and /12)' },
    message: ({ cidr }) => `${cidr} cannot be an EKS service range (allowed: /12 to /24 inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16)`,
  }),
  eksSubnetLayout: defineRule<{ problem: string }>({
    id: 'eks/subnet-layout',
    severity: 'error',
    path: 'spec.nodes.cidrs[0]',
    summary: 'The VPC range splits into a private and a public subnet per zone, each at least /28 (the smallest subnet AWS creates).',
    source: { upstream: 'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html: subnets from /16 to /28' },
    message: ({ problem }) => problem,
  }),
  eksPrivateSubnetCapacity: defineRule<{ maxCount: number; zones: number; perZone: bigint; subnet: string; usable: bigint }>({
    id: 'eks/private-subnet-capacity',
    severity: 'error',
    path: 'spec.nodes.maxCount',
    summary: "Each zone's private subnet holds its share of spec.nodes.maxCount nodes (AWS keeps 5 addresses per subnet).",
    source: { upstream: 'https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html: the first four and the last address of each subnet are reserved' },
    message: ({ maxCount, zones, perZone, subnet, usable }) =>
      `${maxCount} nodes over ${zones} zones need ${perZone} addresses per private subnet, but ${subnet} has ${usable} usable (allowed: at most ${usable * BigInt(zones)} nodes, or a larger spec.nodes.cidrs[0])`,
  }),
  eksZonesRequired: defineRule({
    id: 'eks/two-zones',
    severity: 'error',
    path: 'eks.availabilityZones',
    summary: 'EKS needs subnets in at least two availability zones.',
    source: { upstream: 'https://docs.aws.amazon.com/eks/latest/userguide/network-reqs.html: subnets in at least two different Availability Zones' },
    message: () => 'is required: EKS needs subnets in at least two zones (allowed: two to six zones; with aws-vpc-cni, spec.cni.availabilityZones serves as the default)',
  }),
  eksZonesMatchSpec: defineRule<{ zones: string; spec: string }>({
    id: 'eks/zones-match-spec',
    severity: 'error',
    path: 'eks.availabilityZones',
    summary: "The cluster zones and the VPC CNI spec's zones (ENIConfigs, capacity) are the same.",
    source: { contract: 'SPEC.md aws-vpc-cni availabilityZones: the zones the nodes run in' },
    message: ({ zones, spec }) => `[${zones}] differ from spec.cni.availabilityZones [${spec}] (allowed: the same zones, or leave this unset)`,
  }),
  eksPodsInVpc: defineRule<{ problem: string }>({
    id: 'eks/vpc-native-pod-range',
    severity: 'error',
    path: 'spec.pods.cidrs[0]',
    summary: 'With VPC-native pods the private node subnets split the pod range, so it lies inside the VPC and leaves room for public subnets.',
    source: { contract: 'docs/pulumi.md: the EKS VPC layout (private subnets split spec.pods.cidrs[0] with the VPC CNI)' },
    message: ({ problem }) => problem,
  }),
  eksEniConfigPerZone: defineRule<{ zone: string; names: string }>({
    id: 'eks/eniconfig-per-zone',
    severity: 'error',
    path: 'eks.availabilityZones[*]',
    summary: 'With custom networking labelled by zone, every cluster zone needs an ENIConfig named after it.',
    source: { upstream: 'aws/amazon-vpc-cni-k8s README (ENI_CONFIG_LABEL_DEF: with topology.kubernetes.io/zone, the ENIConfig named after the node zone is used)' },
    message: ({ zone, names }) => `zone ${zone} has no ENIConfig in spec.cni.customNetworking.eniConfigs (allowed: zones named there: [${names}])`,
  }),
  eksNodeGroupInstanceType: defineRule<{ type: string; allowed: string }>({
    id: 'eks/node-group-instance-type',
    severity: 'error',
    path: 'eks.nodeGroups[*].instanceType',
    summary: 'Node group instance types are among spec.cni.nodeInstanceTypes, the types the network capacity was checked for.',
    source: { contract: 'SPEC.md aws-vpc-cni nodeInstanceTypes: the instance types capacity is planned for' },
    message: ({ type, allowed }) => `${type} is not in spec.cni.nodeInstanceTypes, which the network's capacity was checked for (allowed: ${allowed})`,
  }),
  eksPrefixReservation: defineRule<{ maxCount: number; maxPerNode: number; reason: string }>({
    id: 'eks/prefix-reservation-fits',
    severity: 'error',
    path: 'spec.nodes.maxCount',
    summary: "With prefix delegation the zone's subnet reserves /28 prefixes for its share of maxCount nodes at maxPerNode pods.",
    source: { upstream: 'https://docs.aws.amazon.com/eks/latest/userguide/cni-increase-ip-addresses.html and https://docs.aws.amazon.com/vpc/latest/userguide/subnet-cidr-reservation.html (prefix reservations)' },
    message: ({ maxCount, maxPerNode, reason }) => `${maxCount} nodes × ${maxPerNode} pods do not fit the prefix reservation: ${reason}`,
  }),
  aksAzureCniPlatform: defineRule<{ platform: string }>({
    id: 'aks/azure-cni-platform',
    severity: 'error',
    path: 'spec.cni.platform',
    summary: 'On an AKS cluster Azure CNI is configured through the AKS network profile (platform aks).',
    source: { contract: 'SPEC.md azure-cni platform: aks (the AKS network profile) or self-managed' },
    message: ({ platform }) => `${platform} is for clusters the library manages itself (allowed on cluster aks: aks)`,
  }),
  aksEncapsulation: defineRule<{ value: string; why: string; allowed: string }>({
    id: 'aks/byo-encapsulation',
    severity: 'error',
    path: 'spec.cni.*',
    summary: 'A bring-your-own CNI on AKS encapsulates pod traffic in UDP (VXLAN, Geneve): Azure drops pod-addressed packets between VMs and does not carry IP-in-IP.',
    source: { upstream: 'https://learn.microsoft.com/azure/virtual-network/virtual-networks-faq ("multicast, broadcast, IP-in-IP encapsulated packets ... are blocked") and aks/use-byo-cni' },
    message: ({ value, why, allowed }) => `${value}: ${why} (allowed on cluster aks: ${allowed})`,
  }),
  existingPodSubnet: defineRule<{ prefix: string }>({
    id: 'aks/existing-pod-subnet',
    severity: 'error',
    path: 'aks.vnet.podSubnet',
    summary: 'Azure CNI mode podsubnet with an existing VNet needs an existing pod subnet.',
    source: { upstream: 'https://learn.microsoft.com/azure/aks/concepts-network-azure-cni-pod-subnet: pods draw addresses from a separate subnet' },
    message: ({ prefix }) => `is required with spec.cni.mode podsubnet (allowed: an existing subnet of at least ${prefix})`,
  }),
  kubeadmApiCidrs: defineRule<{ problem: string }>({
    id: 'kubeadm/api-allowed-cidrs',
    severity: 'error',
    path: 'kubeadm.apiAllowedCidrs[*]',
    summary: 'The API allow-list is canonical IPv4 CIDRs (security group rules take IPv4 CIDRs without host bits).',
    source: { upstream: 'https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html (IPv4 CIDR sources)' },
    message: ({ problem }) => `${problem} (allowed: IPv4 CIDRs such as 203.0.113.0/24)`,
  }),
  kubeadmServiceHost: defineRule<{ host: string; cp: string }>({
    id: 'kubeadm/k8s-service-host',
    severity: 'error',
    path: 'spec.cni.k8sServiceHost',
    summary: 'A CNI that talks to the API server directly names the control plane the kubeadm cluster builds.',
    source: { contract: 'docs/pulumi.md: the kubeadm control plane is the 10th address of spec.nodes.cidrs[0], port 6443' },
    message: ({ host, cp }) => `${host} is not the control plane of the kubeadm stack (allowed: ${cp}, the 10th address of spec.nodes.cidrs[0])`,
  }),
  kubeadmServicePort: defineRule<{ port: number }>({
    id: 'kubeadm/k8s-service-port',
    severity: 'error',
    path: 'spec.cni.k8sServicePort',
    summary: 'The kubeadm API server listens on 6443.',
    source: { upstream: 'kubernetes/kubernetes cmd/kubeadm/app/constants/constants.go (KubeAPIServerPort = 6443)' },
    message: ({ port }) => `${port} is not the API server port of the kubeadm stack (allowed: 6443)`,
  }),
  kubeadmWorkers: defineRule<{ workers: number; nodes: number; maxCount: number }>({
    id: 'kubeadm/workers-within-max-count',
    severity: 'error',
    path: 'kubeadm.workers',
    summary: 'Control plane and workers together stay within spec.nodes.maxCount.',
    source: SIZED_FOR_MAX_COUNT,
    message: ({ workers, nodes, maxCount }) => `${workers} workers make ${nodes} nodes, more than spec.nodes.maxCount ${maxCount} the network is planned for (allowed: at most ${maxCount - 1})`,
  }),
  existingSubnetCidr: defineRule<{ problem: string }>({
    id: 'platform/existing-subnet-cidr',
    severity: 'error',
    path: 'eks.vpc.*Subnets[*].cidr / aks.vnet.*Subnet.cidr',
    summary: 'An existing subnet is described by its IPv4 CIDR.',
    source: { contract: 'docs/pulumi.md: existing subnets are given with their zone and CIDR' },
    message: ({ problem }) => `${problem} (allowed: an IPv4 CIDR)`,
  }),
  kubeadmUserDataSize: defineRule<{ node: string; bytes: number; limit: number }>({
    id: 'kubeadm/user-data-size',
    severity: 'error',
    path: 'spec',
    summary: 'The cloud-init user data the kubeadm cluster generates (with certificates at their largest) fits the EC2 limit of 16 KiB.',
    source: { upstream: 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-add-user-data.html: "User data is limited to 16 KB, in raw form, before it is base64-encoded"' },
    message: ({ node, bytes, limit }) => `the ${node} user data this spec generates is about ${bytes} bytes (allowed: at most ${limit}; fewer or shorter ranges, pools or settings)`,
  }),
};

const STACK_CONFIG = { contract: 'docs/pulumi.md "Stack configs": one cluster kind per stack, its settings under its own key, the network spec inline or as a file' };

/** Rules of the Pulumi stack configuration itself (`cdk8s-cni:*` keys). */
export const STACK_CONFIG_RULES = {
  clusterSettingsRequired: defineRule<{ cluster: string }>({
    id: 'stack/cluster-settings-required',
    severity: 'error',
    path: 'cdk8s-cni:<cluster>',
    summary: 'The chosen cluster kind needs its settings object.',
    source: STACK_CONFIG,
    message: ({ cluster }) => `is required for cluster ${cluster} (allowed: an object with the ${cluster} settings)`,
  }),
  otherClusterSettings: defineRule<{ cluster: string }>({
    id: 'stack/other-cluster-settings',
    severity: 'error',
    path: 'cdk8s-cni:<other cluster>',
    summary: 'Settings of a cluster kind the stack does not build are refused rather than ignored.',
    source: STACK_CONFIG,
    message: ({ cluster }) => `is set but cluster is ${cluster} (allowed: only the settings of the chosen cluster)`,
  }),
  oneNetworkSource: defineRule({
    id: 'stack/one-network-source',
    severity: 'error',
    path: 'cdk8s-cni:network',
    summary: 'The network spec comes from exactly one place: inline `network` or `networkFile`.',
    source: STACK_CONFIG,
    message: () => 'give the network spec either inline (network) or as a file (networkFile), not both or neither',
  }),
};
