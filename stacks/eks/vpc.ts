/**
 * The EKS VPC from the spec: `spec.nodes.cidrs[0]` as the VPC range (further node ranges as secondary CIDRs), one
 * private and one public subnet per zone, a NAT gateway for the private subnets, and — with custom networking — one
 * pod subnet per zone in the secondary range.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { vpcSubnetLayout, type VpcSubnetLayout } from '../../src/plan/subnets';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';

export interface EksVpcArgs {
  readonly network: ResolvedClusterNetwork;
  readonly availabilityZones: readonly string[];
  /** Private (node) subnets split this range instead of the VPC (VPC-native pods: `spec.pods.cidrs[0]`). */
  readonly privateWithin?: string;
  /** One pod subnet per zone (VPC CNI custom networking), in a secondary VPC range. */
  readonly podSubnetCidrs?: readonly string[];
  readonly clusterName: string;
  /** The subnet layout, when the caller computed (and checked) it already. @default laid out here */
  readonly layout?: VpcSubnetLayout;
  /** One NAT gateway (in the first zone) or one per zone. @default 'single' */
  readonly natGateways?: 'single' | 'perZone';
}

export interface ZoneSubnet {
  readonly zone: string;
  readonly cidr: string;
  readonly subnet: aws.ec2.Subnet;
}

export class EksVpc extends pulumi.ComponentResource {
  public readonly vpc: aws.ec2.Vpc;
  public readonly privateSubnets: ZoneSubnet[];
  public readonly publicSubnets: ZoneSubnet[];
  /** Pod subnets per zone (custom networking only). */
  public readonly podSubnets: ZoneSubnet[];

  public constructor(name: string, args: EksVpcArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('cdk8s-cni:eks:Vpc', name, {}, opts);
    const child = { parent: this };
    const { network, availabilityZones: zones, clusterName } = args;
    const [primary, ...secondary] = network.spec.nodes.cidrs ?? [];
    const clusterTag = { [`kubernetes.io/cluster/${clusterName}`]: 'shared' };
    // Laid out before the first resource: a layout error (also reported by the config checks) registers nothing.
    const layout = args.layout ?? vpcSubnetLayout(primary, zones.length, args.privateWithin);
    this.vpc = new aws.ec2.Vpc(name, { cidrBlock: primary, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: clusterName } }, child);
    const associations = secondary.map((cidr, i) => new aws.ec2.VpcIpv4CidrBlockAssociation(`${name}-cidr-${i + 1}`, { vpcId: this.vpc.id, cidrBlock: cidr }, child));

    const igw = new aws.ec2.InternetGateway(name, { vpcId: this.vpc.id, tags: { Name: clusterName } }, child);
    const publicRt = new aws.ec2.RouteTable(`${name}-public`, { vpcId: this.vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }], tags: { Name: `${clusterName}-public` } }, child);
    const subnet = (kind: string, zone: string, cidr: string, extra: Partial<aws.ec2.SubnetArgs>, deps: pulumi.Resource[] = []): ZoneSubnet => ({
      zone,
      cidr,
      subnet: new aws.ec2.Subnet(`${name}-${kind}-${zone}`, { vpcId: this.vpc.id, availabilityZone: zone, cidrBlock: cidr, ...extra }, { ...child, dependsOn: deps }),
    });
    this.publicSubnets = zones.map((z, i) => subnet('public', z, layout.public[i], { mapPublicIpOnLaunch: true, tags: { ...clusterTag, 'kubernetes.io/role/elb': '1', Name: `${clusterName}-public-${z}` } }));
    for (const s of this.publicSubnets) new aws.ec2.RouteTableAssociation(`${name}-public-rt-${s.zone}`, { subnetId: s.subnet.id, routeTableId: publicRt.id }, child);

    // One NAT gateway and route table, or one of each per zone (a zone outage then leaves other zones' egress alone).
    const natZones = args.natGateways === 'perZone' ? this.publicSubnets : [this.publicSubnets[0]];
    const privateRts = natZones.map((pub) => {
      const suffix = natZones.length > 1 ? `-${pub.zone}` : '';
      const natIp = new aws.ec2.Eip(`${name}-nat${suffix}`, { domain: 'vpc', tags: { Name: `${clusterName}-nat${suffix}` } }, child);
      const nat = new aws.ec2.NatGateway(`${name}${suffix}`, { allocationId: natIp.id, subnetId: pub.subnet.id, tags: { Name: `${clusterName}${suffix}` } }, { ...child, dependsOn: [igw] });
      return new aws.ec2.RouteTable(`${name}-private${suffix}`, { vpcId: this.vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nat.id }], tags: { Name: `${clusterName}-private${suffix}` } }, child);
    });
    const privateRt = (zone: string) => privateRts[natZones.length > 1 ? zones.indexOf(zone) : 0];
    this.privateSubnets = zones.map((z, i) => subnet('private', z, layout.private[i], { tags: { ...clusterTag, 'kubernetes.io/role/internal-elb': '1', Name: `${clusterName}-private-${z}` } }));
    const podCidrs = args.podSubnetCidrs ?? [];
    this.podSubnets = podCidrs.map((cidr, i) => subnet('pods', zones[i], cidr, { tags: { ...clusterTag, Name: `${clusterName}-pods-${zones[i]}` } }, associations));
    for (const s of [...this.privateSubnets, ...this.podSubnets]) {
      new aws.ec2.RouteTableAssociation(`${name}-${this.podSubnets.includes(s) ? 'pods' : 'private'}-rt-${s.zone}`, { subnetId: s.subnet.id, routeTableId: privateRt(s.zone).id }, child);
    }
    this.registerOutputs({ vpcId: this.vpc.id });
  }
}
