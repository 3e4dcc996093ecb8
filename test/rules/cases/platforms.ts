/**
 * Cases of the cluster-component rules (src/platforms/rules.ts): each runs the stack checks (stacks/checks.ts, no
 * Pulumi at run time) on a spec and cluster options the rule refuses, and on a nearby pair it accepts.
 */
import { resolveClusterNetwork } from '../../../src/spec/validate';
import { aksChecks, eksChecks } from '../../../stacks/checks';
import { aksOptionsSchema, eksOptionsSchema } from '../../../stacks/options';
import { loadExample } from '../../support/examples';
import type { RuleCase } from '../support';

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
];
