/**
 * Cases of the cluster-component rules (src/platforms/rules.ts): each runs the stack checks (stacks/checks.ts, no
 * Pulumi at run time) on a spec and cluster options the rule refuses, and on a nearby pair it accepts.
 */
import { resolveClusterNetwork } from '../../../src/spec/validate';
import { aksChecks, eksChecks, kubeadmChecks } from '../../../stacks/checks';
import { aksOptionsSchema, eksOptionsSchema, kubeadmOptionsSchema } from '../../../stacks/options';
import { checkUserDataSizes, kubeadmScripts } from '../../../stacks/kubeadm/user-data';
import { loadExample } from '../../support/examples';
import type { RuleCase } from '../support';
import { parseStackConfig } from '../../../stacks/config';
import { StackConfigError } from '../../../stacks/errors';
import type { SpecIssue } from '../../../src/spec/issues';

/** The issues parseStackConfig throws for a kubeadm stack config with `extra` keys (none when it parses). */
const stack = (extra: Record<string, unknown>) => (): readonly SpecIssue[] => {
  try {
    parseStackConfig({ cluster: 'kubeadm', networkFile: 'examples/calico-vxlan.yaml', kubeadm: { availabilityZone: 'eu-west-1a', apiAllowedCidrs: ['203.0.113.0/24'] }, ...extra });
    return [];
  } catch (e) {
    if (e instanceof StackConfigError) return e.issues;
    throw e;
  }
};

const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const prefix = (cni: Record<string, unknown> = {}) => {
  const spec = loadExample('eks-prefix-delegation.yaml');
  return { ...spec, spec: { ...spec.spec, cni: { ...spec.spec.cni, ...cni } } };
};
const eks = (doc: unknown, options: Record<string, unknown> = {}) => () => eksChecks(resolveClusterNetwork(doc), eksOptionsSchema.parse({ availabilityZones: ZONES, ...options }));
const aksCalico = (pods: string) => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'aks-calico' },
  spec: {
    pods: { cidrs: [pods] },
    services: { cidrs: ['10.0.0.0/16'] },
    nodes: { cidrs: ['10.224.0.0/16'], count: 3, maxCount: 20 },
    cni: { type: 'calico', ipPools: [{ name: 'default', cidr: pods, ipipMode: 'Never', vxlanMode: 'Always' }], bgp: { enabled: false } },
  },
});
const aks = (doc: unknown, options: Record<string, unknown> = {}) => () => aksChecks(resolveClusterNetwork(doc), aksOptionsSchema.parse({ location: 'westeurope', ...options }));
const subnets = (cidrs: string[], zones = ZONES) => ({ id: 'vpc-1', privateSubnets: cidrs.map((cidr, i) => ({ id: `subnet-${i}`, zone: zones[i], cidr })) });
const kubeadm = (doc: unknown, options: Record<string, unknown> = {}) => () => {
  const o = kubeadmOptionsSchema.parse({ availabilityZone: 'eu-west-1a', apiAllowedCidrs: ['203.0.113.0/24'], ...options });
  return kubeadmChecks(resolveClusterNetwork(doc), o.workers, o.apiAllowedCidrs);
};
/** An example spec with `patch` merged into `spec` (one level deep per key). */
const example = (file: string, patch: Record<string, Record<string, unknown> | string[]> = {}) => {
  const doc = loadExample(file);
  const spec = { ...doc.spec };
  for (const [k, v] of Object.entries(patch)) spec[k] = Array.isArray(v) ? v : { ...spec[k], ...v };
  return { ...doc, spec };
};
const SIX = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-2a', 'eu-west-2b', 'eu-west-2c'];
const FITTING = ['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/19'];

export const PLATFORM_CASES: readonly RuleCase[] = [
  {
    rule: 'eks/vpc-cni-addon-node-agent',
    name: 'nodeAgent false with the EKS add-on',
    refuses: eks(prefix({ nodeAgent: false, networkPolicy: { enabled: false } })),
    accepts: eks(prefix({ networkPolicy: { enabled: false } })),
  },
  {
    rule: 'platform/node-pools-within-max-count',
    name: 'EKS node groups beyond spec.nodes.maxCount (30)',
    refuses: eks(prefix(), { nodeGroups: [{ name: 'a', instanceType: 'm5.large', maxSize: 20 }, { name: 'b', instanceType: 'm5.large', maxSize: 11 }] }),
    accepts: eks(prefix(), { nodeGroups: [{ name: 'a', instanceType: 'm5.large', maxSize: 20 }, { name: 'b', instanceType: 'm5.large', maxSize: 10 }] }),
  },
  {
    rule: 'platform/node-pools-within-max-count',
    name: 'AKS user pools beyond spec.nodes.maxCount (20) with the system pool',
    refuses: aks(aksCalico('192.168.0.0/16'), { userPools: [{ name: 'apps', vmSize: 'Standard_D8s_v5', count: 1, maxCount: 18 }] }),
    accepts: aks(aksCalico('192.168.0.0/16'), { userPools: [{ name: 'apps', vmSize: 'Standard_D8s_v5', count: 1, maxCount: 17 }] }),
  },
  {
    rule: 'aks/reserved-range',
    name: 'bring-your-own-CNI pod range in 172.30.0.0/16',
    refuses: aks(aksCalico('172.30.0.0/16')),
    accepts: aks(aksCalico('172.29.0.0/16')),
  },
  {
    rule: 'eks/overlay-control-plane-reach',
    name: 'Calico VXLAN on EKS (warning), the VPC CNI (none)',
    refuses: eks(loadExample('calico-vxlan.yaml')),
    accepts: eks(prefix()),
  },
  {
    rule: 'platform/existing-subnet-in-network',
    name: 'an existing subnet outside spec.nodes.cidrs',
    refuses: eks(prefix(), { vpc: subnets(['10.0.0.0/19', '10.0.32.0/19', '10.1.64.0/19']) }),
    accepts: eks(prefix(), { vpc: subnets(FITTING) }),
  },
  {
    rule: 'eks/existing-subnets-two-zones',
    name: 'no existing subnet in one cluster zone',
    refuses: eks(prefix(), { vpc: subnets(FITTING, ['eu-west-1a', 'eu-west-1b', 'eu-west-1b']) }),
    accepts: eks(prefix(), { vpc: subnets(FITTING) }),
  },
  {
    rule: 'platform/existing-subnet-capacity',
    name: 'an existing /22 cannot hold 10 nodes with 110 VPC-native pods each',
    refuses: eks(prefix(), { vpc: subnets(['10.0.0.0/19', '10.0.32.0/19', '10.0.64.0/22']) }),
    accepts: eks(prefix(), { vpc: subnets(FITTING) }),
  },

  {
    rule: 'platform/nodes-cidrs-required',
    name: 'kubeadm without spec.nodes.cidrs',
    refuses: kubeadm(example('calico-vxlan.yaml', { nodes: { cidrs: undefined } })),
    accepts: kubeadm(example('calico-vxlan.yaml')),
  },
  {
    rule: 'aws/vpc-range',
    name: 'a /29 VPC',
    refuses: eks(example('calico-vxlan.yaml', { nodes: { cidrs: ['192.168.0.0/29'] } })),
    accepts: eks(example('calico-vxlan.yaml')),
  },
  { rule: 'platform/ipv4-only', name: 'dual-stack on kubeadm', refuses: kubeadm(loadExample('flannel-dual-stack.yaml')), accepts: kubeadm(loadExample('flannel-vxlan.yaml')) },
  { rule: 'platform/no-node-cidr-allocation', name: 'Flannel on EKS', refuses: eks(loadExample('flannel-vxlan.yaml')), accepts: eks(loadExample('calico-vxlan.yaml')) },
  {
    rule: 'platform/kube-proxy-replacement-endpoint',
    name: 'Cilium without kube-proxy on EKS',
    refuses: eks(loadExample('cilium-native-kpr.yaml')),
    accepts: eks(loadExample('cilium-overlay.yaml')),
  },
  {
    rule: 'eks/service-range',
    name: 'a service range outside RFC 1918',
    refuses: eks(example('calico-vxlan.yaml', { services: { cidrs: ['100.64.0.0/16'] } })),
    accepts: eks(example('calico-vxlan.yaml')),
  },
  {
    rule: 'eks/subnet-layout',
    name: 'a /24 VPC split for six zones',
    refuses: eks(example('calico-vxlan.yaml', { nodes: { cidrs: ['10.0.0.0/24'] } }), { availabilityZones: SIX }),
    accepts: eks(example('calico-vxlan.yaml', { nodes: { cidrs: ['10.0.0.0/24'] } }), { availabilityZones: ZONES.slice(0, 2) }),
  },
  {
    rule: 'eks/private-subnet-capacity',
    name: '200 nodes in two /26 private subnets',
    refuses: eks(example('calico-vxlan.yaml', { nodes: { cidrs: ['10.0.0.0/24'], maxCount: 200 } }), { availabilityZones: ZONES.slice(0, 2) }),
    accepts: eks(example('calico-vxlan.yaml', { nodes: { cidrs: ['10.0.0.0/24'], maxCount: 100 } }), { availabilityZones: ZONES.slice(0, 2) }),
  },
  { rule: 'eks/two-zones', name: 'no zones', refuses: eks(loadExample('calico-vxlan.yaml'), { availabilityZones: undefined }), accepts: eks(loadExample('calico-vxlan.yaml')) },
  {
    rule: 'eks/zones-match-spec',
    name: "cluster zones other than the spec's",
    refuses: eks(prefix({ availabilityZones: ZONES }), { availabilityZones: ZONES.slice(0, 2) }),
    accepts: eks(prefix({ availabilityZones: ZONES }), { availabilityZones: ZONES }),
  },
  {
    rule: 'eks/vpc-native-pod-range',
    name: 'VPC-native pods taking the whole VPC (no room for public subnets)',
    refuses: eks(example('eks-prefix-delegation.yaml', { pods: { cidrs: ['10.0.0.0/16'] } })),
    accepts: eks(prefix()),
  },
  {
    rule: 'eks/eniconfig-per-zone',
    name: 'a zone without an ENIConfig',
    refuses: eks(loadExample('eks-custom-networking.yaml'), { availabilityZones: ['us-west-2a', 'us-west-2b', 'us-west-2d'] }),
    accepts: eks(loadExample('eks-custom-networking.yaml'), { availabilityZones: undefined }),
  },
  {
    rule: 'eks/node-group-instance-type',
    name: 'a node group type capacity was not planned for',
    refuses: eks(prefix(), { nodeGroups: [{ name: 'a', instanceType: 't3.medium' }] }),
    accepts: eks(prefix(), { nodeGroups: [{ name: 'a', instanceType: 'm5.large' }] }),
  },
  {
    rule: 'eks/prefix-reservation-fits',
    name: 'prefixes for 200 nodes × 110 pods in three /19s',
    refuses: eks(example('eks-prefix-delegation.yaml', { nodes: { maxCount: 200 } })),
    accepts: eks(prefix()),
  },
  {
    rule: 'aks/azure-cni-platform',
    name: 'self-managed Azure CNI on an AKS cluster',
    refuses: aks(loadExample('azure-vnet-self-managed.yaml')),
    accepts: aks(loadExample('aks-podsubnet.yaml')),
  },
  {
    rule: 'aks/byo-encapsulation',
    name: 'Calico VXLAN CrossSubnet on AKS',
    refuses: () => aks({ ...aksCalico('192.168.0.0/16'), spec: { ...aksCalico('192.168.0.0/16').spec, cni: { ...aksCalico('192.168.0.0/16').spec.cni, ipPools: [{ name: 'default', cidr: '192.168.0.0/16', ipipMode: 'Never', vxlanMode: 'CrossSubnet' }] } } })(),
    accepts: aks(aksCalico('192.168.0.0/16')),
  },
  {
    rule: 'aks/existing-pod-subnet',
    name: 'an existing VNet without the pod subnet mode podsubnet needs',
    refuses: aks(loadExample('aks-podsubnet.yaml'), { vnet: { nodeSubnet: { id: 'n', cidr: '10.240.0.0/24' } } }),
    accepts: aks(loadExample('aks-podsubnet.yaml'), { vnet: { nodeSubnet: { id: 'n', cidr: '10.240.0.0/24' }, podSubnet: { id: 'p', cidr: '10.241.0.0/16' } } }),
  },
  { rule: 'kubeadm/api-allowed-cidrs', name: 'host bits set', refuses: kubeadm(loadExample('calico-vxlan.yaml'), { apiAllowedCidrs: ['203.0.113.7/24'] }), accepts: kubeadm(loadExample('calico-vxlan.yaml')) },
  {
    rule: 'kubeadm/k8s-service-host',
    name: 'k8sServiceHost other than the control plane',
    refuses: kubeadm(example('cilium-native-kpr.yaml', { cni: { k8sServiceHost: '10.0.0.5' } })),
    accepts: kubeadm(example('cilium-native-kpr.yaml', { cni: { k8sServiceHost: '10.0.0.10' } })),
  },
  {
    rule: 'kubeadm/k8s-service-port',
    name: 'k8sServicePort 443',
    refuses: kubeadm(example('cilium-native-kpr.yaml', { cni: { k8sServiceHost: '10.0.0.10', k8sServicePort: 443 } })),
    accepts: kubeadm(example('cilium-native-kpr.yaml', { cni: { k8sServiceHost: '10.0.0.10', k8sServicePort: 6443 } })),
  },
  { rule: 'kubeadm/workers-within-max-count', name: '40 workers for maxCount 40', refuses: kubeadm(loadExample('calico-vxlan.yaml'), { workers: 40 }), accepts: kubeadm(loadExample('calico-vxlan.yaml'), { workers: 39 }) },
  {
    rule: 'platform/existing-subnet-cidr',
    name: 'an existing subnet without a CIDR',
    refuses: eks(prefix(), { vpc: subnets(['10.0.0.0/19', '10.0.32.0/19', 'subnet-c']) }),
    accepts: eks(prefix(), { vpc: subnets(FITTING) }),
  },

  {
    rule: 'kubeadm/user-data-size',
    name: 'user data above 16 KiB (a stand-in script), the generated one below',
    refuses: () => checkUserDataSizes({ controlPlane: () => 'x'.repeat(17 * 1024), worker: () => '#!/bin/sh\n' }),
    accepts: () => {
      const network = resolveClusterNetwork(loadExample('calico-vxlan.yaml'));
      return checkUserDataSizes(kubeadmScripts(network, kubeadmOptionsSchema.parse({ availabilityZone: 'eu-west-1a', apiAllowedCidrs: ['203.0.113.0/24'] }), '10.0.0.10', '/cdk8s-cni/x/ca-key'));
    },
  },
  {
    rule: 'stack/cluster-settings-required',
    name: 'a kubeadm stack without its kubeadm settings',
    refuses: stack({ kubeadm: undefined }),
    accepts: stack({}),
  },
  {
    rule: 'stack/other-cluster-settings',
    name: 'EKS settings on a kubeadm stack',
    refuses: stack({ eks: { availabilityZones: ZONES } }),
    accepts: stack({}),
  },
  {
    rule: 'stack/one-network-source',
    name: 'both an inline network and a network file',
    refuses: stack({ network: loadExample('calico-vxlan.yaml') }),
    accepts: stack({}),
  },
];
