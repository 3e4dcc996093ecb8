/**
 * A platform team's Pulumi program using the cdk8s-cni components: an EKS cluster whose VPC CNI settings (prefix
 * delegation, network policy, instance types) come from the same ClusterNetwork spec the GitOps repository synthesizes.
 * Everything is checked before the first resource; an invalid spec or option stops `pulumi preview` with
 * `path: message` lines and creates nothing.
 *
 *   cd examples/pulumi && npm install && pulumi stack init dev
 *   pulumi config set aws:region eu-west-1
 *   pulumi config set --path 'adminCidrs[0]' 203.0.113.0/24
 *   pulumi config set ciRoleArn arn:aws:iam::111122223333:role/ci
 *   pulumi up
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { EksCluster } from 'cdk8s-cni/pulumi';
import { parse } from 'yaml';

const config = new pulumi.Config();
// The spec the GitOps repository synthesizes; here the repository's EKS prefix-delegation example.
const network = parse(readFileSync(join(__dirname, config.get('networkFile') ?? '../eks-prefix-delegation.yaml'), 'utf8'));

const cluster = new EksCluster('platform', {
  network,
  availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
  kubernetesVersion: '1.33',
  endpoint: { publicAccess: true, publicAccessCidrs: config.requireObject<string[]>('adminCidrs'), privateAccess: true },
  accessEntries: [{ principalArn: config.require('ciRoleArn'), policy: 'edit', namespaces: ['apps'] }],
  oidcProvider: true,
  natGateways: 'perZone',
  addonVersions: { 'vpc-cni': config.get('vpcCniVersion') },
  nodeGroups: [
    { name: 'system', instanceType: 'm6i.xlarge', desiredSize: 3, maxSize: 6, labels: { 'node-role': 'system' } },
    { name: 'spot', instanceType: 'm5.large', desiredSize: 0, maxSize: 24, capacityType: 'SPOT', taints: [{ key: 'spot', value: 'true', effect: 'NO_SCHEDULE' }] },
  ],
});

export const clusterName = cluster.clusterName;
export const endpoint = cluster.endpoint;
export const oidcIssuer = cluster.oidcIssuer;
export const nodeRoleArn = cluster.nodeRoleArn;
export const privateSubnetIds = cluster.privateSubnetIds;
export const maxPods = cluster.maxPods;
export const kubeconfig = cluster.kubeconfig;
