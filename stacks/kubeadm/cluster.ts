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
import { assertUserDataFits, controlPlaneUserData, workerUserData } from '../../src/kubeadm/cloud-init';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import { synthObjects } from '../../src/synth';
import { ClusterManifests } from '../apply-manifests';
import { allowAllEgress, nodeSecurityGroupRules } from '../aws-common';
import type { KubeadmConfig } from '../config';
import { needsSourceDestCheckOff } from '../firewall';
import { clientCertKubeconfig } from '../kubeconfig';
import { controlPlanePrivateIp } from './addresses';
import { ClusterPki } from './pki';
import { waitForApiServer, type ApiServerWaiter } from './wait-for-api';

/** Canonical's AWS account (official Ubuntu images). */
const CANONICAL = '099720109477';
const UBUNTU_NOBLE = 'ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*';
const API_PORT = 6443;

export interface KubeadmStackOptions {
  /** Readiness wait before manifests are applied. @default a real /readyz poll (skipped in previews) */
  readonly waitForApiServer?: ApiServerWaiter;
}

export interface KubeadmStackOutputs {
  readonly controlPlanePublicIp: pulumi.Output<string>;
  /** Admin kubeconfig with a client certificate signed by the cluster CA (secret). */
  readonly kubeconfig: pulumi.Output<string>;
  /** The CA pin workers join with (a hash of the public key: not secret). */
  readonly caCertHash: pulumi.Output<string>;
  readonly workerPrivateIps: pulumi.Output<string[]>;
}

export function kubeadmStack(network: ResolvedClusterNetwork, cfg: KubeadmConfig, opts: KubeadmStackOptions = {}): KubeadmStackOutputs {
  const name = network.metadata.name;
  const subnetCidr = network.spec.nodes.cidrs![0];
  const cpIp = controlPlanePrivateIp(subnetCidr);
  const workers = cfg.workers ?? network.spec.nodes.count - 1;

  const vpc = new aws.ec2.Vpc(name, { cidrBlock: subnetCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: name } });
  const igw = new aws.ec2.InternetGateway(name, { vpcId: vpc.id, tags: { Name: name } });
  const rt = new aws.ec2.RouteTable(name, { vpcId: vpc.id, routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: igw.id }], tags: { Name: name } });
  const subnet = new aws.ec2.Subnet(name, { vpcId: vpc.id, cidrBlock: subnetCidr, availabilityZone: cfg.availabilityZone, mapPublicIpOnLaunch: true, tags: { Name: name } });
  new aws.ec2.RouteTableAssociation(name, { subnetId: subnet.id, routeTableId: rt.id });

  // Firewall: API server and SSH from the allowed ranges; between nodes the API server, the kubelet and exactly the
  // CNI's traffic (nodeRules).
  const sg = new aws.ec2.SecurityGroup(`${name}-nodes`, { vpcId: vpc.id, description: `${name} kubeadm nodes`, tags: { Name: `${name}-nodes` } });
  nodeSecurityGroupRules(`${name}-nodes`, network, sg.id);
  allowAllEgress(`${name}-nodes`, network, sg.id);
  new aws.vpc.SecurityGroupIngressRule(`${name}-api-from-nodes`, { securityGroupId: sg.id, referencedSecurityGroupId: sg.id, ipProtocol: 'tcp', fromPort: API_PORT, toPort: API_PORT, description: 'API server (nodes)' });
  cfg.apiAllowedCidrs.forEach((cidr, i) => {
    new aws.vpc.SecurityGroupIngressRule(`${name}-api-admin-${i}`, { securityGroupId: sg.id, cidrIpv4: cidr, ipProtocol: 'tcp', fromPort: API_PORT, toPort: API_PORT, description: 'API server (administrators, pulumi up)' });
    if (cfg.sshKeyName) new aws.vpc.SecurityGroupIngressRule(`${name}-ssh-admin-${i}`, { securityGroupId: sg.id, cidrIpv4: cidr, ipProtocol: 'tcp', fromPort: 22, toPort: 22, description: 'SSH (administrators)' });
  });

  const pki = new ClusterPki(name);
  const hash = pki.caCert.certPem.apply(caCertHash);
  const apiIp = new aws.ec2.Eip(`${name}-api`, { domain: 'vpc', tags: { Name: `${name}-api` } });
  const ami = cfg.ami ?? aws.ec2.getAmiOutput({ owners: [CANONICAL], mostRecent: true, filters: [{ name: 'name', values: [UBUNTU_NOBLE] }, { name: 'architecture', values: ['x86_64'] }] }).id;
  const sourceDestCheck = !needsSourceDestCheckOff(network);
  const instance = (id: string, instanceType: string, userData: pulumi.Output<string>, extra: Partial<aws.ec2.InstanceArgs> = {}) =>
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
    });

  const cpUserData = pulumi.secret(
    pulumi.all([pki.caCert.certPem, pki.caKey.privateKeyPem, pki.bootstrapToken, apiIp.publicIp]).apply(([caCertPem, caKeyPem, token, publicIp]) =>
      assertUserDataFits(
        'control plane',
        controlPlaneUserData({
          network,
          caCertPem,
          caKeyPem,
          init: { kubernetesVersion: cfg.kubernetesVersion, bootstrapToken: token, advertiseAddress: cpIp, controlPlaneEndpoint: `${cpIp}:${API_PORT}`, apiServerCertSANs: [publicIp, cpIp] },
        }),
      ),
    ),
  );
  const controlPlane = instance('control-plane', cfg.controlPlaneInstanceType, cpUserData, { privateIp: cpIp });
  const apiIpAssociation = new aws.ec2.EipAssociation(`${name}-api`, { allocationId: apiIp.allocationId, instanceId: controlPlane.id });

  const workerData = pulumi.secret(
    pulumi.all([pki.caCert.certPem, pki.bootstrapToken, hash]).apply(([caCertPem, token, caHash]) =>
      assertUserDataFits('worker', workerUserData({ network, kubernetesVersion: cfg.kubernetesVersion, caCertPem, join: { apiServerEndpoint: `${cpIp}:${API_PORT}`, token, caCertHashes: [caHash] } })),
    ),
  );
  const workerInstances = Array.from({ length: workers }, (_, i) => instance(`worker-${i + 1}`, cfg.workerInstanceType, workerData));

  const server = pulumi.interpolate`https://${apiIp.publicIp}:${API_PORT}`;
  const kubeconfig = pulumi.secret(
    pulumi.all([server, pki.caCert.certPem, pki.adminCert.certPem, pki.adminKey.privateKeyPem]).apply(([s, ca, cert, key]) =>
      clientCertKubeconfig({ name, server: s, caData: Buffer.from(ca, 'utf8').toString('base64') }, cert, key),
    ),
  );
  // The provider's kubeconfig resolves only once the API server is ready, so no object is applied earlier.
  const wait = opts.waitForApiServer ?? waitForApiServer();
  const readyKubeconfig = pulumi
    .all([kubeconfig, server, pki.caCert.certPem, apiIpAssociation.id])
    .apply(async ([kc, s, ca]) => {
      if (!pulumi.runtime.isDryRun()) await wait(s, ca);
      return kc;
    });
  const provider = new k8s.Provider(`${name}-k8s`, { kubeconfig: pulumi.secret(readyKubeconfig), enableServerSideApply: true }, { dependsOn: [controlPlane, apiIpAssociation] });
  new ClusterManifests(`${name}-cni`, { objects: synthObjects(network), provider }, { dependsOn: [controlPlane] });

  return { controlPlanePublicIp: apiIp.publicIp, kubeconfig, caCertHash: hash, workerPrivateIps: pulumi.all(workerInstances.map((w) => w.privateIp)) };
}
