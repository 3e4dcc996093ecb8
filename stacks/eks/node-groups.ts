/**
 * EKS managed node groups on a pinned AL2023 AMI: kubelet `maxPods` from the library (instance limits from the AWS API),
 * written into a complete NodeConfig so EKS merges nothing over it (see docs/pulumi.md), IMDSv2 with hop limit 1,
 * labels, taints, capacity type and disk size, and `desiredSize` left to the autoscaler after creation.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import { eksNodeUserData } from './node-user-data';
import type { NodeGroupPlan } from './plan';
import type { VpcCniPlan } from './vpc-cni';

export interface EksNodeGroupsArgs {
  readonly network: ResolvedClusterNetwork;
  readonly cluster: aws.eks.Cluster;
  /** Physical cluster name (instance tags). */
  readonly clusterName: string;
  readonly groups: readonly NodeGroupPlan[];
  /** The VPC CNI plan (max pods from instance limits), or undefined for a bring-your-own CNI (spec.pods.maxPerNode). */
  readonly cni?: VpcCniPlan;
  readonly nodeRoleArn: pulumi.Input<string>;
  readonly nodeSecurityGroupId: pulumi.Input<string>;
  readonly subnetIds: pulumi.Input<string>[];
  readonly disableSourceDestCheck: boolean;
  /** What must exist before any node: node role policies, the CNI, kube-proxy, prefix reservations. */
  readonly dependsOn: pulumi.Resource[];
  readonly parent: pulumi.Resource;
}

export function eksNodeGroups(name: string, args: EksNodeGroupsArgs): { nodeGroups: aws.eks.NodeGroup[]; maxPods: pulumi.Output<Record<string, number>> } {
  const { network, cluster, clusterName, groups, cni } = args;
  const child = { parent: args.parent };
  const maxPods: Record<string, pulumi.Output<number>> = {};
  const nodeGroups = groups.map((g) => {
    // Instance facts from the AWS API, never guessed: ENI limits for max pods, architecture for the AMI.
    const info = aws.ec2.getInstanceTypeOutput({ instanceType: g.instanceType }, child);
    const computed: pulumi.Output<number> = cni
      ? info.apply((t) => cni.maxPods({ enis: t.maximumNetworkInterfaces, ipv4PerEni: t.maximumIpv4AddressesPerInterface, vcpus: t.defaultVcpus, nitro: t.hypervisor === 'nitro' }))
      : pulumi.output(network.spec.pods.maxPerNode);
    const mp = computed.apply((n) => Math.min(n, g.maxPods ?? n));
    maxPods[g.name] = mp;
    const arch = info.supportedArchitectures.apply((a) => (a.includes('arm64') && !a.includes('x86_64') ? 'arm64' : 'x86_64'));
    // Pinned AMI: the EKS-optimized AL2023 image SSM recommends for the control plane's version. Naming the AMI makes
    // EKS merge nothing into the user data, so the complete NodeConfig below (with maxPods) is what nodeadm reads.
    const imageId =
      g.amiId ??
      aws.ssm.getParameterOutput({ name: pulumi.interpolate`/aws/service/eks/optimized-ami/${cluster.version}/amazon-linux-2023/${arch}/standard/recommended/image_id` }, child).value;
    const labels = { ...g.labels, 'eks.amazonaws.com/nodegroup': g.name, 'eks.amazonaws.com/capacityType': g.capacityType };
    const userData = pulumi
      .all([mp, cluster.name, cluster.endpoint, cluster.certificateAuthority.data, pulumi.output(imageId)])
      .apply(([n, clusterN, endpoint, ca, ami]) =>
        Buffer.from(
          eksNodeUserData({
            maxPods: n,
            disableSourceDestCheck: args.disableSourceDestCheck,
            cluster: { name: clusterN, apiServerEndpoint: endpoint, certificateAuthority: ca, cidr: network.spec.services.cidrs[0] },
            labels: { ...labels, 'eks.amazonaws.com/nodegroup-image': ami },
            taints: g.taints,
          }),
        ).toString('base64'),
      );
    const lt = new aws.ec2.LaunchTemplate(
      `${name}-${g.name}`,
      {
        imageId,
        vpcSecurityGroupIds: [args.nodeSecurityGroupId],
        // Hop limit 1: only host-network processes (kubelet, aws-node, the Pod Identity agent, kube-proxy) reach IMDS;
        // pods in their own network namespace cannot take the node role.
        metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: g.diskSize, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' } }],
        userData,
        updateDefaultVersion: true,
        tagSpecifications: [{ resourceType: 'instance', tags: { Name: `${clusterName}-${g.name}`, 'eks:cluster-name': clusterName } }],
      },
      child,
    );
    return new aws.eks.NodeGroup(
      `${name}-${g.name}`,
      {
        clusterName: cluster.name,
        nodeGroupName: g.name,
        nodeRoleArn: args.nodeRoleArn,
        subnetIds: args.subnetIds,
        instanceTypes: [g.instanceType],
        capacityType: g.capacityType,
        labels: g.labels,
        taints: g.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })),
        scalingConfig: { desiredSize: g.desiredSize, minSize: g.minSize, maxSize: g.maxSize },
        launchTemplate: { id: lt.id, version: lt.latestVersion.apply(String) },
      },
      // desiredSize belongs to the cluster autoscaler after creation: no diff when it moved.
      { ...child, dependsOn: args.dependsOn, ignoreChanges: ['scalingConfig.desiredSize'] },
    );
  });
  return { nodeGroups, maxPods: pulumi.all(maxPods) as pulumi.Output<Record<string, number>> };
}
