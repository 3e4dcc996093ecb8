/**
 * kubeadm on EC2 from a ClusterNetwork (issue 8): one VPC subnet, a security group with the API server port, the
 * kubelet and exactly the CNI's ports; one control plane and N workers whose cloud-init runs `kubeadm init` / a
 * CA-pinned `kubeadm join` with configuration generated from the spec; the CNI manifests applied through the API server
 * once it is ready, by the same component as the EKS/AKS stacks.
 */
import * as aws from '@pulumi/aws';
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { caCertHash } from '../../src/kubeadm/ca-hash';
import { assertUserDataFits } from '../../src/kubeadm/cloud-init';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import { ClusterNetworkManifests } from './manifests';
import { allowAllEgress, nodeSecurityGroupRules } from '../aws-common';
import { kubeadmChecks } from '../checks';
import { kubeadmOptionsSchema, type KubeadmClusterOptions } from '../options';
import type { ClusterNetworkSpec } from '../../src/spec/schema';
import { checkedOptions, logWarnings } from './prepare';
import { needsSourceDestCheckOff } from '../firewall';
import { clientCertKubeconfig } from '../kubeconfig';
import { controlPlanePrivateIp } from '../kubeadm/addresses';
import { CaKeyParameter, caKeyParameterName } from '../kubeadm/ca-key-parameter';
import { StackConfigError } from '../errors';
import { checkUserDataSizes, kubeadmScripts } from '../kubeadm/user-data';
import { ClusterPki } from '../kubeadm/pki';
import { waitForApiServer, type ApiServerWaiter } from '../kubeadm/wait-for-api';

/** Canonical's AWS account (official Ubuntu images). */
const CANONICAL = '099720109477';
const UBUNTU_NOBLE = 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*';
const API_PORT = 6443;

/**
 * The control plane holds etcd on its root disk: replacing it wipes the cluster. A newer image (the default AMI is
 * looked up on every run) or a change of the generated user data (spec tweaks, another kubernetesVersion, library
 * changes to the script) must not replace it; kubeadm upgrades happen out of band (`kubeadm upgrade`).
 */
export const CONTROL_PLANE_LIFECYCLE: pulumi.CustomResourceOptions = { ignoreChanges: ['ami', 'userData'] };
/** Workers keep their image; a changed user data still replaces them (they rejoin with the new configuration). */
export const WORKER_LIFECYCLE: pulumi.CustomResourceOptions = { ignoreChanges: ['ami'] };

export interface KubeadmClusterArgs extends KubeadmClusterOptions {
  /** The ClusterNetwork document (validated before anything is created) or a resolved network. */
  readonly network: ClusterNetworkSpec | ResolvedClusterNetwork;
  /** Readiness wait before manifests are applied. @default a real /readyz poll (skipped in previews) */
  readonly waitForApiServer?: ApiServerWaiter;
}

export class KubeadmCluster extends pulumi.ComponentResource {
  public readonly controlPlanePublicIp: pulumi.Output<string>;
  /** Admin kubeconfig with a client certificate signed by the cluster CA (secret). */
  public readonly kubeconfig: pulumi.Output<string>;
  /** The CA pin workers join with (a hash of the public key: not secret). */
  public readonly caCertHash: pulumi.Output<string>;
  public readonly workerPrivateIps: pulumi.Output<string[]>;
  /** A Kubernetes provider that resolves once the API server is ready. */
  public readonly provider: k8s.Provider;

  public constructor(name: string, args: KubeadmClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const { network: doc, waitForApiServer: waitOption, ...options } = args;
    const { network, cfg, warnings } = checkedOptions(`KubeadmCluster ${name}`, name, doc, options, kubeadmOptionsSchema, (n, c) => kubeadmChecks(n, c.workers, c.apiAllowedCidrs, name));
    // Physical names that must be unique in an account (the SSM parameter) carry the stack.
    const clusterName = `${network.metadata.name}-${pulumi.getStack()}`;
    const cpIp = controlPlanePrivateIp(network.spec.nodes.cidrs![0]);
    const scripts = kubeadmScripts(network, cfg, cpIp, caKeyParameterName(clusterName));
    // The user data is generated now with placeholders at their largest: one too large for EC2 stops here, not later.
    const tooLarge = checkUserDataSizes(scripts);
    if (tooLarge.length > 0) throw new StackConfigError(tooLarge, `KubeadmCluster ${name}`);
    super('cdk8s-cni:index:KubeadmCluster', name, {}, opts);
    logWarnings(warnings, this);
    const child = { parent: this };
    const subnetCidr = network.spec.nodes.cidrs![0];
    const workers = cfg.workers ?? network.spec.nodes.count - 1;

    const vpc = new aws.ec2.Vpc(name, { cidrBlock: subnetCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: name } }, child);
    const igw = new aws.ec2.InternetGateway(name, { vpcId: vpc.id, tags: { Name: name } }, child);
    const rt = new aws.ec2.RouteTable(name, { vpcId: vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }], tags: { Name: name } }, child);
    const subnet = new aws.ec2.Subnet(name, { vpcId: vpc.id, cidrBlock: subnetCidr, availabilityZone: cfg.availabilityZone, mapPublicIpOnLaunch: true, tags: { Name: name } }, child);
    new aws.ec2.RouteTableAssociation(name, { subnetId: subnet.id, routeTableId: rt.id }, child);

    // Firewall: API server and SSH from the allowed ranges; between nodes the API server, the kubelet and exactly the
    // CNI's traffic (nodeRules).
    const sg = new aws.ec2.SecurityGroup(`${name}-nodes`, { vpcId: vpc.id, description: `${name} kubeadm nodes`, tags: { Name: `${name}-nodes` } }, child);
    nodeSecurityGroupRules(`${name}-nodes`, network, sg.id, child);
    allowAllEgress(`${name}-nodes`, network, sg.id, child);
    new aws.vpc.SecurityGroupIngressRule(`${name}-api-from-nodes`, { securityGroupId: sg.id, referencedSecurityGroupId: sg.id, ipProtocol: 'tcp', fromPort: API_PORT, toPort: API_PORT, description: 'API server (nodes)' }, child);
    cfg.apiAllowedCidrs.forEach((cidr, i) => {
      new aws.vpc.SecurityGroupIngressRule(`${name}-api-admin-${i}`, { securityGroupId: sg.id, cidrIpv4: cidr, ipProtocol: 'tcp', fromPort: API_PORT, toPort: API_PORT, description: 'API server (administrators, pulumi up)' }, child);
      if (cfg.sshKeyName) new aws.vpc.SecurityGroupIngressRule(`${name}-ssh-admin-${i}`, { securityGroupId: sg.id, cidrIpv4: cidr, ipProtocol: 'tcp', fromPort: 22, toPort: 22, description: 'SSH (administrators)' }, child);
    });

    const pki = new ClusterPki(name, child);
    const hash = pki.caCert.certPem.apply(caCertHash);
    const apiIp = new aws.ec2.Eip(`${name}-api`, { domain: 'vpc', tags: { Name: `${name}-api` } }, child);
    const ami = cfg.ami ?? aws.ec2.getAmiOutput({ owners: [CANONICAL], mostRecent: true, filters: [{ name: 'name', values: [UBUNTU_NOBLE] }, { name: 'architecture', values: ['x86_64'] }] }, child).id;
    const sourceDestCheck = !needsSourceDestCheckOff(network);
    const instance = (id: string, instanceType: string, userData: pulumi.Output<string>, extra: Partial<aws.ec2.InstanceArgs>, lifecycle: pulumi.CustomResourceOptions) =>
      new aws.ec2.Instance(`${name}-${id}`, {
        ami,
        instanceType,
        subnetId: subnet.id,
        vpcSecurityGroupIds: [sg.id],
        sourceDestCheck,
        keyName: cfg.sshKeyName,
        userData,
        userDataReplaceOnChange: true,
        metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
        rootBlockDevice: { volumeSize: 30, volumeType: 'gp3', encrypted: true },
        tags: { Name: `${name}-${id}`, 'cdk8s-cni/cluster': name },
        ...extra,
      }, { ...lifecycle, ...child });

    // The CA key goes through SSM Parameter Store, read with the control plane's instance role; user data names it only.
    const caKey = new CaKeyParameter(name, { caKeyPem: pki.caKey.privateKeyPem, clusterName }, child);
    const region = aws.getRegionOutput({}, child).region;
    const cpUserData = pulumi.secret(pulumi.all([pki.caCert.certPem, pki.bootstrapToken, apiIp.publicIp, region]).apply(([caCertPem, token, publicIp, r]) => assertUserDataFits('control plane', scripts.controlPlane(caCertPem, token, publicIp, r))));
    const controlPlane = instance(
      'control-plane',
      cfg.controlPlaneInstanceType,
      cpUserData,
      { privateIp: cpIp, iamInstanceProfile: caKey.instanceProfile.name },
      { ...CONTROL_PLANE_LIFECYCLE, dependsOn: [caKey.parameter, caKey.readPolicy] },
    );
    const apiIpAssociation = new aws.ec2.EipAssociation(`${name}-api`, { allocationId: apiIp.allocationId, instanceId: controlPlane.id }, child);

    const workerData = pulumi.secret(pulumi.all([pki.caCert.certPem, pki.bootstrapToken, hash]).apply(([caCertPem, token, caHash]) => assertUserDataFits('worker', scripts.worker(caCertPem, token, caHash))));
    const workerInstances = Array.from({ length: workers }, (_, i) => instance(`worker-${i + 1}`, cfg.workerInstanceType, workerData, {}, WORKER_LIFECYCLE));

    const server = pulumi.interpolate`https://${apiIp.publicIp}:${API_PORT}`;
    const kubeconfig = pulumi.secret(
      pulumi.all([server, pki.caCert.certPem, pki.adminCert.certPem, pki.adminKey.privateKeyPem]).apply(([s, ca, cert, key]) =>
        clientCertKubeconfig({ name, server: s, caData: Buffer.from(ca, 'utf8').toString('base64') }, cert, key),
      ),
    );
    // The provider's kubeconfig resolves only once the API server is ready, so no object is applied earlier.
    const wait = waitOption ?? waitForApiServer();
    const readyKubeconfig = pulumi
      .all([kubeconfig, server, pki.caCert.certPem, apiIpAssociation.id])
      .apply(async ([kc, s, ca]) => {
        if (!pulumi.runtime.isDryRun()) await wait(s, ca);
        return kc;
      });
    const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: pulumi.secret(readyKubeconfig), enableServerSideApply: true }, { ...child, dependsOn: [controlPlane, apiIpAssociation] });
    // deletedWith the control plane: destroy needs no live API (the admin certificate may have expired).
    new ClusterNetworkManifests(`${name}-cni`, { network, provider }, { ...child, dependsOn: [controlPlane], deletedWith: controlPlane });

    this.provider = provider;
    this.controlPlanePublicIp = apiIp.publicIp;
    this.kubeconfig = kubeconfig;
    this.caCertHash = hash;
    this.workerPrivateIps = pulumi.all(workerInstances.map((w) => w.privateIp));
    this.registerOutputs({ controlPlanePublicIp: this.controlPlanePublicIp, kubeconfig: this.kubeconfig, caCertHash: this.caCertHash });
    }
  }
