/**
 * Security groups for pods (`ENABLE_POD_ENI`): trunk-capable node types, the strict-mode probe prerequisite and the
 * SecurityGroupPolicies of the spec. Every finding is a rule of rules.ts.
 */
import type { IssueCollector } from '../../spec/issues';
import { AWS_RULES as R } from './rules';
import { checkSecurityGroupPolicy } from './security-group-policy';
import type { AwsVpcCniNetwork } from './settings';
import { trunkingCompatible } from './trunking';

export function validatePodSecurityGroups(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  const c = n.spec.cni;
  const policies = c.securityGroupPolicies;
  const seen = new Map<string, number>();
  policies.forEach((p, i) => {
    const path = `spec.cni.securityGroupPolicies[${i}]`;
    checkSecurityGroupPolicy(p, path, issues);
    const key = `${p.namespace}/${p.name}`;
    const first = seen.get(key);
    if (first !== undefined) issues.report(R.duplicatePolicy, `${path}.name`, { name: p.name, namespace: p.namespace, first });
    else seen.set(key, i);
  });
  if (!c.podENI) {
    if (policies.length > 0) issues.report(R.policiesNeedPodEni, 'spec.cni.podENI', { count: policies.length });
    return;
  }
  // Mixed clusters are fine upstream: the resource controller's pod webhook adds a vpc.amazonaws.com/pod-eni request to
  // selected pods, which only trunk-attached nodes offer, so the scheduler places them there. Only no trunk node at all
  // leaves them Pending.
  const without = c.nodeInstanceTypes.map((type, i) => ({ type, i })).filter(({ type }) => trunkingCompatible(n, type) === false);
  const rule = without.length === c.nodeInstanceTypes.length ? R.podEniTrunking : R.podEniTrunkingSome;
  for (const { type, i } of without) issues.report(rule, `spec.cni.nodeInstanceTypes[${i}]`, { type });
  // Upstream's default enforcing mode is strict (README: POD_SECURITY_GROUP_ENFORCING_MODE).
  if (!c.disableTcpEarlyDemux) issues.report(R.podEniTcpEarlyDemux, 'spec.cni.disableTcpEarlyDemux', { mode: c.podSecurityGroupEnforcingMode ?? 'strict' });
}
