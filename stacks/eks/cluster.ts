/**
 * EKS from a ClusterNetwork (issue 7): VPC and subnets from the spec; least-privilege IAM (the VPC CNI's permissions on
 * its own service account via EKS Pod Identity, never on the node role); the cluster without self-managed add-ons;
 * the CNI configured before any node exists (the `vpc-cni` add-on with configuration values from `src/`, or our
 * manifests plus the kube-proxy add-on); node security group rules exactly from the CNI's firewall data; managed
 * node groups whose kubelet `maxPods` comes from the library with instance limits looked up from the AWS API.
 */
import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { nodeFirewall } from '../../src/reports/firewall';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import { synthObjects } from '../../src/synth';
import { ClusterManifests } from '../apply-manifests';
import { allowAllEgress, nodeSecurityGroupRules } from '../aws-common';
import type { EksConfig } from '../config';
import { needsSourceDestCheckOff } from '../firewall';
import { eksKubeconfig } from '../kubeconfig';
import { eksNodeUserData } from './node-user-data';
import { vpcCniPlan } from './vpc-cni';
import { eksZones, nodeGroupsFor, podSubnetCidrs, prefixReservations } from './plan';
import { EksVpc, type ZoneSubnet } from './vpc';

export interface EksStackOutputs {
  readonly clusterName: pulumi.Output<string>;
  /** Admin kubeconfig (secret). */
  readonly kubeconfig: pulumi.Output<string>;
  /** Kubelet max pods per node group. */
  readonly maxPods: pulumi.Output<Record<string, number>>;
}

const ASSUME_EKS = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] });
const ASSUME_EC2 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const ASSUME_POD_IDENTITY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'pods.eks.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] }] });
const policy = (name: string) => `arn:aws:iam::aws:policy/${name}`;

/**
 * IAM with least privilege: the cluster role, and a node role without the CNI policy (that goes to the aws-node
 * service account through Pod Identity). For natively routing CNIs the node role may turn off the source/destination
 * check, only on instances of this cluster.
 */
function eksIam(name: string, sourceDestOff: boolean): { clusterRole: aws.iam.Role; nodeRole: aws.iam.Role; nodePolicies: pulumi.Resource[] } {
  const clusterRole = new aws.iam.Role(`${name}-cluster`, { assumeRolePolicy: ASSUME_EKS });
  new aws.iam.RolePolicyAttachment(`${name}-cluster-policy`, { role: clusterRole.name, policyArn: policy('AmazonEKSClusterPolicy') });
  const nodeRole = new aws.iam.Role(`${name}-node`, { assumeRolePolicy: ASSUME_EC2 });
  const nodePolicies: pulumi.Resource[] = [
    new aws.iam.RolePolicyAttachment(`${name}-node-worker`, { role: nodeRole.name, policyArn: policy('AmazonEKSWorkerNodePolicy') }),
    new aws.iam.RolePolicyAttachment(`${name}-node-ecr`, { role: nodeRole.name, policyArn: policy('AmazonEC2ContainerRegistryReadOnly') }),
  ];
  if (sourceDestOff) {
    nodePolicies.push(
      new aws.iam.RolePolicy(`${name}-node-source-dest-check`, {
        role: nodeRole.name,
        policy: JSON.stringify({
          Version: '2012-10-17',
          // The condition limits WHICH instances (this cluster's), not which attributes: ModifyInstanceAttribute also
          // changes security groups, user data and instance type. IMDS hop limit 1 keeps it away from pods.
          Statement: [{ Effect: 'Allow', Action: 'ec2:ModifyInstanceAttribute', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/eks:cluster-name': name } } }],
        }),
      }),
    );
  }
  return { clusterRole, nodeRole, nodePolicies };
}

/** The node security group: node-to-node rules exactly from the firewall data, plus control plane <-> nodes. */
function nodeSecurityGroup(name: string, network: ResolvedClusterNetwork, vpcId: pulumi.Input<string>, clusterSgId: pulumi.Input<string>): aws.ec2.SecurityGroup {
  const sg = new aws.ec2.SecurityGroup(`${name}-nodes`, { vpcId, description: `${name} nodes`, tags: { Name: `${name}-nodes`, [`kubernetes.io/cluster/${name}`]: 'owned' } });
  nodeSecurityGroupRules(`${name}-nodes`, network, sg.id);
  allowAllEgress(`${name}-nodes`, network, sg.id);
  const rule = (id: string, args: aws.vpc.SecurityGroupIngressRuleArgs) => new aws.vpc.SecurityGroupIngressRule(`${name}-${id}`, args);
  rule('nodes-from-control-plane-kubelet', { securityGroupId: sg.id, referencedSecurityGroupId: clusterSgId, ipProtocol: 'tcp', fromPort: 10250, toPort: 10250, description: 'control plane to kubelet' });
  rule('nodes-from-control-plane-https', { securityGroupId: sg.id, referencedSecurityGroupId: clusterSgId, ipProtocol: 'tcp', fromPort: 443, toPort: 443, description: 'control plane to webhooks' });
  rule('control-plane-from-nodes', { securityGroupId: clusterSgId, referencedSecurityGroupId: sg.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443, description: 'nodes to API server' });
  return sg;
}

export function eksStack(network: ResolvedClusterNetwork, eks: EksConfig): EksStackOutputs {
  const name = network.metadata.name;
  const plan = vpcCniPlan(network);
  const zones = eksZones(network, eks);
  const vpc = new EksVpc(name, {
    network,
    availabilityZones: zones,
    clusterName: name,
    // VPC-native pods live in the node subnets, which must then cover spec.pods.cidrs; with custom networking they get
    // their own subnets per zone in the secondary range.
    privateWithin: plan && !plan.customNetworking ? network.spec.pods.cidrs[0] : undefined,
    podSubnetCidrs: plan?.customNetworking ? podSubnetCidrs(network, zones, plan) : undefined,
  });

  const sourceDestOff = needsSourceDestCheckOff(network);
  const { clusterRole, nodeRole, nodePolicies } = eksIam(name, sourceDestOff);

  const cluster = new aws.eks.Cluster(
    name,
    {
      name,
      roleArn: clusterRole.arn,
      version: eks.kubernetesVersion,
      vpcConfig: { subnetIds: [...vpc.privateSubnets, ...vpc.publicSubnets].map((s) => s.subnet.id), endpointPrivateAccess: true, endpointPublicAccess: true },
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      // No self-managed aws-node / kube-proxy / CoreDNS: every add-on is created explicitly below, in order.
      bootstrapSelfManagedAddons: false,
      kubernetesNetworkConfig: { ipFamily: 'ipv4', serviceIpv4Cidr: network.spec.services.cidrs[0] },
    },
    { dependsOn: [vpc] },
  );
  const nodeSg = nodeSecurityGroup(name, network, vpc.vpc.id, cluster.vpcConfig.clusterSecurityGroupId);

  const region = aws.getRegionOutput().region;
  const kubeconfig = pulumi.secret(
    pulumi.all([cluster.name, cluster.endpoint, cluster.certificateAuthority.data, region]).apply(([n, server, caData, r]) => eksKubeconfig({ name: n, server, caData }, r)),
  );

  // The CNI, before any node: the vpc-cni add-on (configuration from src/) or our manifests + kube-proxy add-on.
  const beforeNodes: pulumi.Resource[] = [];
  const addon = (addonName: string, extra: Partial<aws.eks.AddonArgs> = {}, deps: pulumi.Resource[] = []) =>
    new aws.eks.Addon(`${name}-${addonName}`, { clusterName: cluster.name, addonName, resolveConflictsOnCreate: 'OVERWRITE', resolveConflictsOnUpdate: 'OVERWRITE', ...extra }, { dependsOn: deps });
  // kube-proxy unless the CNI replaces it (refused on EKS by the config checks today: see checks.ts).
  if (!nodeFirewall(network).replacesKubeProxy) beforeNodes.push(addon('kube-proxy'));
  if (plan) {
    const cniRole = new aws.iam.Role(`${name}-vpc-cni`, { assumeRolePolicy: ASSUME_POD_IDENTITY });
    const cniPolicy = new aws.iam.RolePolicyAttachment(`${name}-vpc-cni-policy`, { role: cniRole.name, policyArn: policy('AmazonEKS_CNI_Policy') });
    const podIdentityAgent = addon('eks-pod-identity-agent');
    // With custom networking the add-on creates one ENIConfig per zone from these values (subnets created above).
    const configurationValues = pulumi
      .all([pulumi.all(vpc.podSubnets.map((p) => p.subnet.id)), nodeSg.id])
      .apply(([ids, sg]) => JSON.stringify(plan.configurationValues(vpc.podSubnets.map((p, i) => ({ zone: p.zone, subnetId: ids[i], securityGroupId: sg })))));
    const vpcCni = addon('vpc-cni', { configurationValues, podIdentityAssociations: [{ roleArn: cniRole.arn, serviceAccount: 'aws-node' }] }, [cniPolicy, podIdentityAgent]);
    beforeNodes.push(podIdentityAgent, vpcCni);
    if (plan.prefixDelegation) {
      const subnets: ZoneSubnet[] = plan.customNetworking ? vpc.podSubnets : vpc.privateSubnets;
      const reservations = prefixReservations(network, subnets);
      // Reserved before any node exists: EC2 refuses a reservation over addresses node ENIs already hold.
      beforeNodes.push(
        ...reservations.map(
          (r, i) =>
            new aws.ec2.SubnetCidrReservation(`${name}-prefixes-${r.zone}`, { subnetId: subnets[i].subnet.id, cidrBlock: r.cidr, reservationType: 'prefix', description: 'cdk8s-cni: /28 prefixes for pods (VPC CNI prefix delegation)' }),
        ),
      );
    }
  } else {
    const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig, enableServerSideApply: true });
    // Applied before any node exists, so nothing in it may be awaited: calico-kube-controllers, cilium-operator and
    // Services with selectors only become ready once nodes run them (the node groups below depend on this stage).
    const manifests = new ClusterManifests(`${name}-cni`, { objects: synthObjects(network), provider, awaitWorkloads: false });
    beforeNodes.push(...manifests.ready);
  }

  // Managed node groups: max pods from the library, instance limits from the AWS API.
  const groups = nodeGroupsFor(network, eks, plan);
  const maxPods: Record<string, pulumi.Output<number>> = {};
  const nodeGroups = groups.map((g) => {
    // Instance facts from the AWS API, never guessed: ENI limits for max pods, architecture for the AMI type.
    const info = aws.ec2.getInstanceTypeOutput({ instanceType: g.instanceType });
    const mp: pulumi.Output<number> = plan
      ? info.apply((t) => plan.maxPods({ enis: t.maximumNetworkInterfaces, ipv4PerEni: t.maximumIpv4AddressesPerInterface, vcpus: t.defaultVcpus, nitro: t.hypervisor === 'nitro' }))
      : pulumi.output(network.spec.pods.maxPerNode);
    maxPods[g.name] = mp;
    const lt = new aws.ec2.LaunchTemplate(`${name}-${g.name}`, {
      vpcSecurityGroupIds: [nodeSg.id],
      // Hop limit 1: only host-network processes (kubelet, aws-node, the Pod Identity agent, kube-proxy) reach IMDS;
      // pods in their own network namespace cannot take the node role.
      metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
      userData: mp.apply((n) => Buffer.from(eksNodeUserData({ maxPods: n, disableSourceDestCheck: sourceDestOff })).toString('base64')),
      updateDefaultVersion: true,
    });
    return new aws.eks.NodeGroup(
      `${name}-${g.name}`,
      {
        clusterName: cluster.name,
        nodeGroupName: g.name,
        nodeRoleArn: nodeRole.arn,
        subnetIds: vpc.privateSubnets.map((s) => s.subnet.id),
        instanceTypes: [g.instanceType],
        amiType: info.supportedArchitectures.apply((a) => (a.includes('arm64') && !a.includes('x86_64') ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD')),
        scalingConfig: { desiredSize: g.desiredSize, minSize: g.minSize, maxSize: g.maxSize },
        launchTemplate: { id: lt.id, version: lt.latestVersion.apply(String) },
      },
      { dependsOn: [...nodePolicies, ...beforeNodes] },
    );
  });
  // CoreDNS needs nodes to become healthy.
  addon('coredns', {}, nodeGroups);

  return { clusterName: cluster.name, kubeconfig, maxPods: pulumi.all(maxPods) as pulumi.Output<Record<string, number>> };
}
