/** The EKS stack's kubelet maxPods comes from the library's calculation, including the trunk ENI with podENI. */
import { instanceLimits } from '../../src/plan/aws-instance-limits';
import { resolveClusterNetwork } from '../../src/spec/validate';
import { vpcCniPlan } from '../../stacks/eks/vpc-cni';
import { loadExample } from '../support/examples';

const m5large = instanceLimits('m5.large')!;
const doc = (cni: Record<string, unknown>, maxPerNode: number) => {
  const d = loadExample('eks-prefix-delegation.yaml');
  d.spec.cni = { ...d.spec.cni, prefixDelegation: { enabled: false }, nodeInstanceTypes: ['m5.large'], ...cni };
  d.spec.pods.maxPerNode = maxPerNode;
  return d;
};

test('m5.large: 29 with secondary IPs; with security groups for pods 20, as ipamd reserves the trunk ENI', () => {
  expect(vpcCniPlan(resolveClusterNetwork(doc({}, 29)))!.maxPods(m5large)).toBe(29);
  expect(() => resolveClusterNetwork(doc({ podENI: true }, 29))).toThrow(/spec\.pods\.maxPerNode: 29 is above the 20 pods/);
  expect(vpcCniPlan(resolveClusterNetwork(doc({ podENI: true }, 20)))!.maxPods(m5large)).toBe(20);
  // the stack never gives a node more than the library computes for it, even for a larger type in another group
  expect(vpcCniPlan(resolveClusterNetwork(doc({ podENI: true }, 20)))!.maxPods(instanceLimits('m5.xlarge')!)).toBe(20);
});
