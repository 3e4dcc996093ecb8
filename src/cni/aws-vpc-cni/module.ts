/** The AWS VPC CNI as a `spec.cni` type: spec → props (settings.ts), checks (checks.ts), plan sections (plan.ts). */
import type { CniModule } from '../common/cni-module';
import { VERSIONS } from '../common/versions';
import { AwsVpcCni } from './aws-vpc-cni';
import { AWS_ENI_MTU, validateAws } from './checks';
import { awsIpv6, awsMaxPods, headroomSection, maxPodsSection, modeLabel, nodeTypeLimits } from './plan';
import { awsEniConfigs, awsVpcCniSettings, type AwsVpcCniNetwork } from './settings';
import type { ResolvedAwsVpcCni } from './spec';

export { awsIpamSettings, awsIpv6, awsMaxPods, awsNodeUses, awsPodSubnets, awsSubnetShares, nodeTypeLimits, type AwsSubnetShare } from './plan';
export { awsEniConfigZones } from './checks';

/**
 * Without an explicit `spec.pods.maxPerNode`, kubelet max pods follows the CNI: the lowest max pods among
 * `nodeInstanceTypes` (what EKS's max-pods calculator would set; non-Nitro types with prefix delegation at their
 * secondary-IP value, as ipamd falls back; one ENI fewer with security groups for pods). Undefined when a type is
 * unknown or unsuitable; validation then reports that type.
 */
function defaultMaxPerNode(n: AwsVpcCniNetwork): number | undefined {
  const all = nodeTypeLimits(n);
  if (all.length === 0 || all.some((t) => !t.limits || (awsIpv6(n) && !t.limits.nitro))) return undefined;
  // At least 1 (the schema minimum): a type without an ENI for pods is reported by validation.
  return Math.max(1, Math.min(...all.map((t) => awsMaxPods(n, t.limits!))));
}

export const awsVpcCniModule: CniModule<ResolvedAwsVpcCni> = {
  defaultMaxPerNode,
  type: 'aws-vpc-cni',
  displayName: (n: AwsVpcCniNetwork) => `Amazon VPC CNI ${n.spec.cni.version ?? VERSIONS['aws-vpc-cni'].version}`,
  podAddressing: () => 'underlay',
  podMtu: (n: AwsVpcCniNetwork) => n.spec.nodes.mtu,
  // Upstream's AWS_VPC_ENI_MTU default: ENIs inside a VPC carry jumbo frames.
  defaultUnderlayMtu: () => AWS_ENI_MTU.max,
  validate: validateAws,
  build(scope, n: AwsVpcCniNetwork, ctx) {
    const c = n.spec.cni;
    new AwsVpcCni(scope, 'aws-vpc-cni', {
      ...awsVpcCniSettings(n),
      eniConfigs: awsEniConfigs(n),
      securityGroupPolicies: c.securityGroupPolicies,
      nodeAgent: c.nodeAgent,
      policyEndpointCrds: c.networkPolicy.enabled,
      version: c.version,
      imageRegistry: c.imageRegistry,
      crdScope: ctx.crdScope(),
      argoSyncWaves: ctx.argoSyncWaves,
    });
  },
  planRows: (n: AwsVpcCniNetwork) => [
    { label: 'AWS VPC CNI mode', value: modeLabel(n) },
    { label: 'Node instance types', value: n.spec.cni.nodeInstanceTypes.join(', ') },
  ],
  planSections: (n: AwsVpcCniNetwork) => [maxPodsSection(n), headroomSection(n)],
  // Pods are VPC addresses on the node ENIs: no encapsulation and no agent-to-agent ports; the network policy agent
  // enforces locally with eBPF. The VPC routes pod traffic.
  nodeTraffic: () => [],
  routesNatively: () => true,
};
