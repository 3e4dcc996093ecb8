/**
 * EksCluster: an EKS cluster whose networking comes from a ClusterNetwork spec. Every check runs and every derived value
 * (zones, subnet layout, node groups, prefix reservations, add-on configuration) is computed before the first resource;
 * an invalid input throws `path: message` lines and registers nothing.
 *
 * Built: the VPC (or yours), least-privilege IAM, the cluster without self-managed add-ons, the CNI before any node
 * (the `vpc-cni` add-on with configuration values from `src/`, or the spec's manifests plus the kube-proxy add-on),
 * node security group rules exactly from the CNI's firewall data plus the control-plane ports, and managed node groups
 * on a pinned AL2023 AMI whose complete NodeConfig carries the library's kubelet `maxPods`.
 */
import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { ClusterNetworkSpec } from '../../src/spec/schema';
import type { SpecIssue } from '../../src/spec/issues';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import { nodeFirewall } from '../../src/reports/firewall';
import { vpcSubnetLayout, type VpcSubnetLayout } from '../../src/plan/subnets';
import { eksChecks, eksPodSubnets } from '../checks';
import { eksIam, assumeRole, managedPolicy } from '../eks/iam';
import { eksNodeGroups } from '../eks/node-groups';
import { eksZones, nodeGroupsFor, podSubnetCidrs, prefixReservations, type NodeGroupPlan } from '../eks/plan';
import { eksNodeSecurityGroup } from '../eks/security-group';
import { vpcCniPlan, type VpcCniPlan } from '../eks/vpc-cni';
import { EksVpc } from '../eks/vpc';
import { needsSourceDestCheckOff } from '../firewall';
import { eksKubeconfig } from '../kubeconfig';
import { eksOptionsSchema, type EksClusterOptions, type EksConfig } from '../options';
import { ClusterNetworkManifests } from './manifests';
import { checkedOptions, logWarnings } from './prepare';

export interface EksClusterArgs extends EksClusterOptions {
  /** The ClusterNetwork document (validated before anything is created) or a resolved network. */
  readonly network: ClusterNetworkSpec | ResolvedClusterNetwork;
}

/** A subnet of the cluster, created or brought. */
interface ClusterSubnet {
  readonly zone: string;
  readonly cidr: string;
  readonly id: pulumi.Input<string>;
}

/** Everything the component needs, computed and checked before the first resource. */
interface EksPrepared {
  readonly network: ResolvedClusterNetwork;
  readonly cfg: EksConfig;
  readonly clusterName: string;
  readonly zones: string[];
  readonly cni?: VpcCniPlan;
  readonly groups: NodeGroupPlan[];
  readonly podSubnetCidrs?: string[];
  /** The created VPC's subnets (absent with an existing VPC). */
  readonly layout?: VpcSubnetLayout;
  /** Private subnets split this range (VPC-native pods). */
  readonly privateWithin?: string;
  readonly reservations: Array<{ zone: string; cidr: string }>;
  readonly warnings: readonly SpecIssue[];
}

const ACCESS_POLICY = { 'cluster-admin': 'AmazonEKSClusterAdminPolicy', admin: 'AmazonEKSAdminPolicy', edit: 'AmazonEKSEditPolicy', view: 'AmazonEKSViewPolicy' } as const;

/** Control-plane → node ports for webhooks and aggregated APIs, as terraform-aws-eks opens them (node_groups.tf). */
export const EKS_WEBHOOK_PORTS = [4443, 6443, 8443, 9443] as const;

function prepare(name: string, args: EksClusterArgs): EksPrepared {
  const { network: doc, ...options } = args;
  const { network, cfg, warnings } = checkedOptions(`EksCluster ${name}`, name, doc, options, eksOptionsSchema, (n, c) => eksChecks(n, c, name));
  const cni = vpcCniPlan(network);
  const zones = eksZones(network, cfg);
  const podSubnets = cni?.customNetworking && !cfg.vpc ? podSubnetCidrs(network, zones, cni) : undefined;
  const privateWithin = cni && !cni.customNetworking ? network.spec.pods.cidrs[0] : undefined;
  const layout = cfg.vpc ? undefined : vpcSubnetLayout(network.spec.nodes.cidrs![0], zones.length, privateWithin);
  const reservations = cni?.prefixDelegation ? prefixReservations(network, eksPodSubnets(network, cfg, zones, cni)) : [];
  // The add-on values are built once now with placeholder IDs: whatever would fail later fails here, before any resource.
  cni?.configurationValues(zones.map((zone) => ({ zone, subnetId: 'subnet-planned', securityGroupId: 'sg-planned' })));
  return { network, cfg, clusterName: cfg.clusterName ?? `${network.metadata.name}-${pulumi.getStack()}`, zones, cni, groups: nodeGroupsFor(network, cfg, cni), podSubnetCidrs: podSubnets, layout, privateWithin, reservations, warnings };
}

export class EksCluster extends pulumi.ComponentResource {
  /** Physical cluster name (`metadata.name-<stack>` unless set). */
  public readonly clusterName: pulumi.Output<string>;
  public readonly endpoint: pulumi.Output<string>;
  /** OIDC issuer URL (for IRSA trust policies). */
  public readonly oidcIssuer: pulumi.Output<string>;
  /** The IAM OIDC provider's ARN (with `oidcProvider: true`). */
  public readonly oidcProviderArn?: pulumi.Output<string>;
  public readonly clusterRoleArn: pulumi.Output<string>;
  public readonly nodeRoleArn: pulumi.Output<string>;
  public readonly clusterSecurityGroupId: pulumi.Output<string>;
  public readonly nodeSecurityGroupId: pulumi.Output<string>;
  public readonly vpcId: pulumi.Output<string>;
  public readonly privateSubnetIds: pulumi.Output<string[]>;
  /** Admin kubeconfig (`aws eks get-token`), a secret. */
  public readonly kubeconfig: pulumi.Output<string>;
  /** Kubelet maxPods per node group. */
  public readonly maxPods: pulumi.Output<Record<string, number>>;
  /** A Kubernetes provider for the cluster (its kubeconfig is secret). */
  public readonly provider: k8s.Provider;
  /** The cluster resource. */
  public readonly cluster: aws.eks.Cluster;

  public constructor(name: string, args: EksClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const p = prepare(name, args);
    super('cdk8s-cni:index:EksCluster', name, {}, opts);
    logWarnings(p.warnings, this);
    const { network, cfg, clusterName, cni, zones } = p;
    const child = { parent: this };

    // Network: yours, or a VPC laid out from the spec.
    let vpcId: pulumi.Input<string>;
    let privateSubnets: ClusterSubnet[];
    let publicSubnetIds: pulumi.Input<string>[] = [];
    let podSubnets: ClusterSubnet[];
    const vpcDeps: pulumi.Resource[] = [];
    if (cfg.vpc) {
      vpcId = cfg.vpc.id;
      privateSubnets = zones.map((z) => cfg.vpc!.privateSubnets.find((s) => s.zone === z)!);
      podSubnets = cni?.customNetworking ? zones.map((z) => cfg.vpc!.podSubnets!.find((s) => s.zone === z)!) : [];
    } else {
      const vpc = new EksVpc(
        name,
        {
          network,
          availabilityZones: zones,
          clusterName,
          natGateways: cfg.natGateways,
          // VPC-native pods live in the node subnets, which then split spec.pods.cidrs[0]; with custom networking they
          // get their own subnets per zone in the secondary range.
          privateWithin: p.privateWithin,
          layout: p.layout,
          podSubnetCidrs: p.podSubnetCidrs,
        },
        child,
      );
      vpcDeps.push(vpc);
      vpcId = vpc.vpc.id;
      const asSubnet = (s: { zone: string; cidr: string; subnet: aws.ec2.Subnet }): ClusterSubnet => ({ zone: s.zone, cidr: s.cidr, id: s.subnet.id });
      privateSubnets = vpc.privateSubnets.map(asSubnet);
      podSubnets = vpc.podSubnets.map(asSubnet);
      publicSubnetIds = vpc.publicSubnets.map((s) => s.subnet.id);
    }

    const sourceDestOff = needsSourceDestCheckOff(network);
    const iam = eksIam(name, { clusterName, sourceDestCheckOff: sourceDestOff, podEni: network.spec.cni.type === 'aws-vpc-cni' && network.spec.cni.podENI, parent: this });

    const cluster = new aws.eks.Cluster(
      name,
      {
        name: clusterName,
        roleArn: iam.clusterRole.arn,
        version: cfg.kubernetesVersion,
        vpcConfig: {
          subnetIds: [...privateSubnets.map((s) => s.id), ...publicSubnetIds],
          endpointPrivateAccess: cfg.endpoint.privateAccess,
          endpointPublicAccess: cfg.endpoint.publicAccess,
          ...(cfg.endpoint.publicAccessCidrs ? { publicAccessCidrs: cfg.endpoint.publicAccessCidrs } : {}),
        },
        accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: cfg.bootstrapClusterCreatorAdminPermissions },
        // No self-managed aws-node / kube-proxy / CoreDNS: every add-on is created explicitly below, in order.
        bootstrapSelfManagedAddons: false,
        kubernetesNetworkConfig: { ipFamily: 'ipv4', serviceIpv4Cidr: network.spec.services.cidrs[0] },
      },
      // The policy attachments outlive the cluster on destroy: EKS still needs them to clean up ENIs and security groups.
      { ...child, dependsOn: [...vpcDeps, ...iam.clusterPolicies] },
    );
    this.cluster = cluster;
    const clusterSgId = cluster.vpcConfig.clusterSecurityGroupId;
    const nodeSg = eksNodeSecurityGroup(name, { network, clusterName, vpcId, clusterSecurityGroupId: clusterSgId, webhookPorts: EKS_WEBHOOK_PORTS, parent: this });

    for (const [i, entry] of cfg.accessEntries.entries()) {
      const access = new aws.eks.AccessEntry(`${name}-access-${i}`, { clusterName: cluster.name, principalArn: entry.principalArn, type: 'STANDARD' }, child);
      new aws.eks.AccessPolicyAssociation(
        `${name}-access-${i}`,
        {
          clusterName: cluster.name,
          principalArn: entry.principalArn,
          policyArn: `arn:aws:eks::aws:cluster-access-policy/${ACCESS_POLICY[entry.policy]}`,
          accessScope: entry.namespaces ? { type: 'namespace', namespaces: entry.namespaces } : { type: 'cluster' },
        },
        { ...child, dependsOn: [access] },
      );
    }

    this.oidcIssuer = cluster.identities.apply((ids) => ids?.[0]?.oidcs?.[0]?.issuer ?? '');
    if (cfg.oidcProvider) {
      this.oidcProviderArn = new aws.iam.OpenIdConnectProvider(`${name}-oidc`, { url: this.oidcIssuer, clientIdLists: ['sts.amazonaws.com'] }, child).arn;
    }

    const region = aws.getRegionOutput({}, child).region;
    const kubeconfig = pulumi.secret(
      pulumi.all([cluster.name, cluster.endpoint, cluster.certificateAuthority.data, region]).apply(([n, server, caData, r]) => eksKubeconfig({ name: n, server, caData }, r)),
    );
    this.provider = new k8s.Provider(`${name}-k8s`, { kubeconfig, enableServerSideApply: true }, child);

    // The CNI, before any node: the vpc-cni add-on (configuration from src/) or our manifests + kube-proxy add-on.
    const beforeNodes: pulumi.Resource[] = [];
    const addon = (addonName: keyof EksConfig['addonVersions'], extra: Partial<aws.eks.AddonArgs> = {}, deps: pulumi.Resource[] = []) =>
      new aws.eks.Addon(
        `${name}-${addonName}`,
        { clusterName: cluster.name, addonName, addonVersion: cfg.addonVersions[addonName], resolveConflictsOnCreate: 'OVERWRITE', resolveConflictsOnUpdate: 'OVERWRITE', ...extra },
        { ...child, dependsOn: deps },
      );
    if (!nodeFirewall(network).replacesKubeProxy) beforeNodes.push(addon('kube-proxy'));
    if (cni) {
      const cniRole = new aws.iam.Role(`${name}-vpc-cni`, { assumeRolePolicy: assumeRole('pods.eks.amazonaws.com') }, child);
      const cniPolicy = new aws.iam.RolePolicyAttachment(`${name}-vpc-cni-policy`, { role: cniRole.name, policyArn: managedPolicy('AmazonEKS_CNI_Policy') }, child);
      const podIdentityAgent = addon('eks-pod-identity-agent');
      // With custom networking the add-on creates one ENIConfig per zone from these values (the subnets above).
      const configurationValues = pulumi
        .all([pulumi.all(podSubnets.map((s) => s.id)), nodeSg.id])
        .apply(([ids, sg]) => JSON.stringify(cni.configurationValues(podSubnets.map((s, i) => ({ zone: s.zone, subnetId: ids[i], securityGroupId: sg })))));
      const vpcCni = addon('vpc-cni', { configurationValues, podIdentityAssociations: [{ roleArn: cniRole.arn, serviceAccount: 'aws-node' }] }, [cniPolicy, podIdentityAgent]);
      beforeNodes.push(podIdentityAgent, vpcCni);
      const reserveIn = cni.customNetworking ? podSubnets : privateSubnets;
      // Reserved before any node exists: EC2 refuses a reservation over addresses node ENIs already hold.
      for (const [i, r] of p.reservations.entries()) {
        beforeNodes.push(
          new aws.ec2.SubnetCidrReservation(`${name}-prefixes-${r.zone}`, { subnetId: reserveIn[i].id, cidrBlock: r.cidr, reservationType: 'prefix', description: 'cdk8s-cni: /28 prefixes for pods (VPC CNI prefix delegation)' }, child),
        );
      }
    } else {
      // Applied before any node exists, so nothing in it may be awaited: calico-kube-controllers, cilium-operator and
      // Services with selectors only become ready once nodes run them (the node groups below depend on this stage).
      const manifests = new ClusterNetworkManifests(`${name}-cni`, { network, provider: this.provider, awaitWorkloads: false }, { ...child, deletedWith: cluster });
      beforeNodes.push(...manifests.ready);
    }

    const { nodeGroups, maxPods } = eksNodeGroups(name, {
      network,
      cluster,
      clusterName,
      groups: p.groups,
      cni,
      nodeRoleArn: iam.nodeRole.arn,
      nodeSecurityGroupId: nodeSg.id,
      subnetIds: privateSubnets.map((s) => s.id),
      disableSourceDestCheck: sourceDestOff,
      dependsOn: [...iam.nodePolicies, ...beforeNodes],
      parent: this,
    });
    // CoreDNS needs nodes to become healthy.
    addon('coredns', {}, nodeGroups);

    this.clusterName = cluster.name;
    this.endpoint = cluster.endpoint;
    this.clusterRoleArn = iam.clusterRole.arn;
    this.nodeRoleArn = iam.nodeRole.arn;
    this.clusterSecurityGroupId = clusterSgId;
    this.nodeSecurityGroupId = nodeSg.id;
    this.vpcId = pulumi.output(vpcId);
    this.privateSubnetIds = pulumi.all(privateSubnets.map((s) => s.id));
    this.kubeconfig = kubeconfig;
    this.maxPods = maxPods;
    this.registerOutputs({ clusterName: this.clusterName, endpoint: this.endpoint, kubeconfig: this.kubeconfig, maxPods: this.maxPods });
  }
}
