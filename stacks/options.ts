/**
 * Cluster options of the components (EksCluster, AksCluster, KubeadmCluster) — the same shapes as the stack config
 * keys `cdk8s-cni:eks`, `cdk8s-cni:aks`, `cdk8s-cni:kubeadm`. Plain zod schemas: the stack config and the components
 * both parse with them, so defaults and `path: message` errors are the same everywhere. No checks live here (they
 * import these types; nothing here imports them back).
 */
import type * as pulumi from '@pulumi/pulumi';
import { z } from 'zod';
import { DEFAULT_KUBERNETES_VERSION } from '../src/kubeadm/config';
import { intInRange, strictObject } from '../src/spec/zod-helpers';

/** A Pulumi Output, recognised without loading the SDK (the checks stay Pulumi-free at run time). */
const isOutput = (v: unknown) => typeof v === 'object' && v !== null && (v as { __pulumiOutput?: unknown }).__pulumiOutput === true;

/** An ID that may be known only at deployment (another resource's output) or given as text. */
const resourceId = (description: string) =>
  z
    .custom<pulumi.Input<string>>((v) => (typeof v === 'string' && v.length > 0) || isOutput(v) || v instanceof Promise, 'expected an ID (text or a Pulumi Output)')
    .meta({ description });
const cidr = (description: string) => z.string().min(1).meta({ description });
const k8sLabels = z.record(z.string(), z.string()).meta({ description: 'Kubernetes node labels.' });

const dns1123 = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);

const taintSchema = strictObject(
  {
    key: z.string().min(1),
    value: z.string().optional(),
    effect: z.enum(['NO_SCHEDULE', 'NO_EXECUTE', 'PREFER_NO_SCHEDULE']),
  },
  'A node taint (EKS API spelling of the effect).',
);

const nodeGroupSchema = strictObject(
  {
    name: dns1123.meta({ description: 'Node group name (DNS-1123 label).' }),
    instanceType: z.string().min(1).meta({ description: 'EC2 instance type; its ENI limits come from the AWS API.' }),
    desiredSize: intInRange(0, 1000, 'Nodes at creation (later changes by the cluster autoscaler are kept). Default: spec.nodes.count.').optional(),
    minSize: intInRange(0, 1000, 'Minimum nodes. Default: desiredSize.').optional(),
    maxSize: intInRange(1, 1000, 'Maximum nodes. Default: spec.nodes.maxCount. All groups together may not exceed spec.nodes.maxCount.').optional(),
    labels: k8sLabels.optional(),
    taints: z.array(taintSchema).optional(),
    capacityType: z.enum(['ON_DEMAND', 'SPOT']).default('ON_DEMAND').meta({ description: 'On-demand or Spot instances.' }),
    diskSize: intInRange(20, 16384, 'Root volume size in GiB (gp3, encrypted).').default(50),
    maxPods: intInRange(1, 737, 'Kubelet maxPods for this group. Default: from the instance type and the CNI (never above spec.pods.maxPerNode); a value here may only lower it.').optional(),
    amiId: z.string().regex(/^ami-[0-9a-f]+$/).optional().meta({ description: 'Pinned AL2023 EKS-optimized AMI. Default: the SSM recommended image for the cluster version and architecture.' }),
  },
  'A managed node group.',
);

const zoneSubnetSchema = strictObject(
  {
    id: resourceId('Subnet ID.'),
    zone: z.string().min(1).meta({ description: 'Availability zone of the subnet.' }),
    cidr: cidr('The subnet range (checked against the IP plan before anything is created).'),
  },
  'An existing subnet.',
);

const accessEntrySchema = strictObject(
  {
    principalArn: resourceId('IAM role or user ARN.'),
    policy: z.enum(['cluster-admin', 'admin', 'edit', 'view']).default('cluster-admin').meta({ description: 'EKS access policy (AmazonEKSClusterAdminPolicy, AmazonEKSAdminPolicy, AmazonEKSEditPolicy, AmazonEKSViewPolicy).' }),
    namespaces: z.array(dns1123).optional().meta({ description: 'Limit the policy to these namespaces. Default: the whole cluster.' }),
  },
  'An EKS access entry.',
);

export const eksOptionsSchema = strictObject(
  {
    clusterName: z.string().regex(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/).optional().meta({ description: 'Physical EKS cluster name. Default: metadata.name-<stack>, so two stacks of one spec do not collide.' }),
    availabilityZones: z.array(z.string().min(1)).min(2).max(6).optional().meta({ description: 'Zones for subnets and nodes (EKS needs at least two). Default: spec.cni.availabilityZones (aws-vpc-cni), or the zones of an existing VPC\'s subnets.' }),
    kubernetesVersion: z.string().regex(/^\d+\.\d+$/).default('1.33').meta({ description: 'EKS Kubernetes version (MAJOR.MINOR). Node AMIs follow it.' }),
    nodeGroups: z.array(nodeGroupSchema).min(1).optional().meta({ description: 'Managed node groups. Default: one group per spec.cni.nodeInstanceTypes entry (or m5.large), sharing spec.nodes.count / maxCount.' }),
    endpoint: strictObject(
      {
        publicAccess: z.boolean().default(true),
        publicAccessCidrs: z.array(cidr('Allowed client range.')).min(1).optional(),
        privateAccess: z.boolean().default(true),
      },
      'API server endpoint access.',
    ).default({ publicAccess: true, privateAccess: true }),
    accessEntries: z.array(accessEntrySchema).default([]).meta({ description: 'IAM principals (admin, CI roles) and their EKS access policy.' }),
    bootstrapClusterCreatorAdminPermissions: z.boolean().default(true).meta({ description: 'Make the identity that runs pulumi up a cluster admin (EKS access entry).' }),
    oidcProvider: z.boolean().default(false).meta({ description: 'Create an IAM OIDC provider for IRSA (service-account roles), next to EKS Pod Identity.' }),
    natGateways: z.enum(['single', 'perZone']).default('single').meta({ description: 'One NAT gateway, or one per zone (zone-independent egress). Ignored with an existing VPC.' }),
    addonVersions: strictObject(
      {
        'vpc-cni': z.string().min(1).optional(),
        'kube-proxy': z.string().min(1).optional(),
        coredns: z.string().min(1).optional(),
        'eks-pod-identity-agent': z.string().min(1).optional(),
      },
      'Pinned EKS add-on versions (e.g. v1.19.2-eksbuild.1). Default: what EKS picks when the add-on is created.',
    ).default({}),
    vpc: strictObject(
      {
        id: resourceId('Existing VPC ID.'),
        privateSubnets: z.array(zoneSubnetSchema).min(2).meta({ description: 'Node subnets, one per zone.' }),
        podSubnets: z.array(zoneSubnetSchema).optional().meta({ description: 'Pod subnets per zone (VPC CNI custom networking).' }),
      },
      'Bring your own VPC: nothing network-wide is created; the subnets are checked against the IP plan first.',
    ).optional(),
  },
  'EKS cluster settings.',
);

const aksPoolSchema = strictObject(
  {
    name: z.string().regex(/^[a-z][a-z0-9]{0,11}$/).meta({ description: 'Pool name (lowercase, at most 12 characters).' }),
    vmSize: z.string().min(1).meta({ description: 'VM size.' }),
    count: intInRange(0, 1000, 'Nodes at creation (later autoscaler changes are kept).'),
    minCount: intInRange(0, 1000, 'Autoscaler minimum. Default: count.').optional(),
    maxCount: intInRange(1, 1000, 'Autoscaler maximum; above count turns the autoscaler on. Default: count.').optional(),
    labels: k8sLabels.optional(),
    taints: z.array(z.string().regex(/^[^=:]+(=[^:]*)?:(NoSchedule|NoExecute|PreferNoSchedule)$/)).optional().meta({ description: 'Taints, key=value:Effect.' }),
  },
  'An AKS user node pool.',
);

export const aksOptionsSchema = strictObject(
  {
    location: z.string().min(1).meta({ description: 'Azure region, e.g. westeurope.' }),
    kubernetesVersion: z.string().regex(/^\d+\.\d+(\.\d+)?$/).optional().meta({ description: 'AKS Kubernetes version. Default: the AKS default.' }),
    vmSize: z.string().min(1).default('Standard_D4s_v5').meta({ description: 'System pool VM size.' }),
    dnsPrefix: z.string().regex(/^[a-zA-Z0-9][-a-zA-Z0-9]{0,52}$/).optional().meta({ description: 'API server DNS prefix. Default: metadata.name-<stack>.' }),
    zones: z.array(z.enum(['1', '2', '3'])).min(1).optional().meta({ description: 'Availability zones of every pool.' }),
    systemPool: strictObject(
      { count: intInRange(1, 1000, 'System nodes at creation. Default: spec.nodes.count.').optional(), maxCount: intInRange(1, 1000, 'Autoscaler maximum. Default: spec.nodes.maxCount.').optional() },
      'System pool size.',
    ).default({}),
    userPools: z.array(aksPoolSchema).default([]).meta({ description: 'User node pools (mode User). All pools together may not exceed spec.nodes.maxCount.' }),
    entraId: strictObject(
      {
        adminGroupObjectIds: z.array(z.guid()).min(1).meta({ description: 'Entra ID groups that are cluster admins.' }),
        azureRbac: z.boolean().default(true).meta({ description: 'Authorize with Azure RBAC (role assignments) instead of Kubernetes RBAC bindings.' }),
      },
      'Entra ID authentication; local accounts are turned off, the kubeconfig output is the user (Entra ID) one.',
    ).optional(),
    apiServer: strictObject(
      {
        authorizedIpRanges: z.array(cidr('Allowed client range.')).min(1).optional(),
        privateCluster: z.boolean().default(false),
      },
      'API server access: authorized IP ranges, or a private cluster.',
    ).optional(),
    vnet: strictObject(
      {
        nodeSubnet: strictObject({ id: resourceId('Subnet resource ID.'), cidr: cidr('Its range.') }, 'Existing node subnet.'),
        podSubnet: strictObject({ id: resourceId('Subnet resource ID.'), cidr: cidr('Its range.') }, 'Existing pod subnet (Azure CNI mode podsubnet).').optional(),
      },
      'Bring your own VNet: subnets are checked against the IP plan first; the cluster identity gets Network Contributor on them.',
    ).optional(),
  },
  'AKS cluster settings.',
);

export const kubeadmOptionsSchema = strictObject(
  {
    availabilityZone: z.string().min(1).meta({ description: 'Zone of the subnet holding every VM.' }),
    kubernetesVersion: z
      .string()
      .regex(/^v\d+\.\d+\.\d+$/)
      // The admin certificate's group kubeadm:cluster-admins is bound by kubeadm init from 1.29 on.
      .refine((v) => { const [maj, min] = v.slice(1).split('.').map(Number); return maj > 1 || min >= 29; }, 'needs kubeadm:cluster-admins, bound by kubeadm init from v1.29 (allowed: v1.29.0 or later)')
      .default(DEFAULT_KUBERNETES_VERSION)
      .meta({ description: 'kubeadm/kubelet version (vMAJOR.MINOR.PATCH, at least v1.29.0).' }),
    controlPlaneInstanceType: z.string().min(1).default('t3.medium'),
    workerInstanceType: z.string().min(1).default('t3.medium'),
    workers: intInRange(0, 100, 'Worker VMs. Default: spec.nodes.count - 1.').optional(),
    ami: z
      .string()
      .regex(/^ami-[0-9a-f]+$/)
      .optional()
      .meta({ description: 'Image (pin it for reproducible nodes). Default: the latest Ubuntu 24.04 LTS amd64 from Canonical when an instance is created; a newer image never replaces running instances (ami is ignored on update).' }),
    bootstrapTokenTtl: z
      .string()
      .regex(/^(0s|(\d+h)?(\d+m)?(\d+s)?)$/)
      .refine((v) => v !== '', 'empty duration')
      .default('24h0m0s')
      .meta({ description: 'Lifetime of the join token (Go duration, e.g. 24h0m0s; 0s = never expires). Workers created after it expires cannot join: see docs/kubeadm.md.' }),
    apiAllowedCidrs: z.array(z.string().min(1)).min(1).meta({ description: 'Who may reach the API server (6443): your workstation / CI runner ranges.' }),
    sshKeyName: z.string().min(1).optional().meta({ description: 'EC2 key pair for SSH (port 22 from apiAllowedCidrs). Default: no SSH.' }),
  },
  'kubeadm-on-EC2 cluster settings.',
);

/** EKS options as a component takes them (defaults optional). */
export type EksClusterOptions = z.input<typeof eksOptionsSchema>;
/** AKS options as a component takes them (defaults optional). */
export type AksClusterOptions = z.input<typeof aksOptionsSchema>;
/** kubeadm options as a component takes them (defaults optional). */
export type KubeadmClusterOptions = z.input<typeof kubeadmOptionsSchema>;
/** Options with defaults applied. */
export type EksConfig = z.output<typeof eksOptionsSchema>;
export type AksConfig = z.output<typeof aksOptionsSchema>;
export type KubeadmConfig = z.output<typeof kubeadmOptionsSchema>;
export type NodeGroupConfig = z.output<typeof nodeGroupSchema>;
