/** The AWS VPC CNI as a `spec.cni` type: spec → props (settings.ts), checks (checks.ts), plan sections (plan.ts). */
import { maxPods } from '../../plan/aws-max-pods';
import type { CniModule } from '../common/cni-module';
import { VERSIONS } from '../common/versions';
import { AwsVpcCni } from './aws-vpc-cni';
import { AWS_ENI_MTU, awsWarnings, validateAws } from './checks';
import { awsIpamSettings, headroomSection, maxPodsSection, modeLabel, nodeTypeLimits } from './plan';
import { awsEniConfigs, awsVpcCniSettings, type AwsVpcCniNetwork } from './settings';
import type { ResolvedAwsVpcCni } from './spec';

export { awsIpamSettings, awsNodeUses, awsPodSubnets, awsSubnetShares, nodeTypeLimits, type AwsSubnetShare } from './plan';

/**
 * Without an explicit `spec.pods.maxPerNode`, kubelet max pods follows the CNI: the lowest max pods among
 * `nodeInstanceTypes` (what EKS's max-pods calculator would set). Undefined when a type is unknown or unsuitable;
 * validation then reports that type.
 */
function defaultMaxPerNode(n: AwsVpcCniNetwork): number | undefined {
  const s = awsIpamSettings(n);
  const all = nodeTypeLimits(n);
  if (all.length === 0 || all.some((t) => !t.limits || (s.prefixDelegation && !t.limits.nitro))) return undefined;
  return Math.min(...all.map((t) => maxPods({ limits: t.limits!, prefixDelegation: s.prefixDelegation, customNetworking: s.customNetworking, maxEni: s.maxEni })));
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
  warnings: (n: AwsVpcCniNetwork) => [
    ...(n.spec.cni.prefixDelegation.enabled
      ? ['aws-vpc-cni: prefix delegation must be on before node groups are created; nodes launched earlier keep the secondary-IP max pods (e.g. 29 on m5.large). Set the vpc-cni add-on before compute.']
      : []),
    ...awsWarnings(n),
  ],
};
