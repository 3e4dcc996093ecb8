/** Small AWS pieces shared by the EKS and kubeadm stacks: security-group rules from the node firewall data. */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { ResolvedClusterNetwork } from '../src/spec/resolve';
import { nodeRules, ruleSlug } from './firewall';

/**
 * Ingress rules on `securityGroupId` for every node-to-node rule of the network: from the group itself for node
 * traffic, from the pod ranges for natively routed pod traffic. Returns the rules keyed by slug.
 */
export function nodeSecurityGroupRules(
  name: string,
  network: ResolvedClusterNetwork,
  securityGroupId: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions = {},
): Record<string, aws.vpc.SecurityGroupIngressRule[]> {
  const out: Record<string, aws.vpc.SecurityGroupIngressRule[]> = {};
  for (const r of nodeRules(network)) {
    const slug = ruleSlug(r);
    // ICMP rules carry type/code in the port fields; -1/-1 is every type and code.
    const ports = r.fromPort === undefined ? (r.protocol === '1' ? { fromPort: -1, toPort: -1 } : {}) : { fromPort: r.fromPort, toPort: r.toPort ?? r.fromPort };
    const sources: Array<{ key: string; args: Partial<aws.vpc.SecurityGroupIngressRuleArgs> }> =
      r.source === 'nodes'
        ? [{ key: slug, args: { referencedSecurityGroupId: securityGroupId } }]
        : network.spec.pods.cidrs.map((cidr, i) => ({ key: `${slug}-${i}`, args: cidr.includes(':') ? { cidrIpv6: cidr } : { cidrIpv4: cidr } }));
    out[slug] = sources.map(
      (s) => new aws.vpc.SecurityGroupIngressRule(`${name}-${s.key}`, { securityGroupId, ipProtocol: r.protocol, ...ports, description: r.description, ...s.args }, opts),
    );
  }
  return out;
}

/** Allow all egress (IPv4 and, for IPv6 networks, IPv6). */
export function allowAllEgress(name: string, network: ResolvedClusterNetwork, securityGroupId: pulumi.Input<string>, opts: pulumi.CustomResourceOptions = {}): aws.vpc.SecurityGroupEgressRule[] {
  const rules = [new aws.vpc.SecurityGroupEgressRule(`${name}-egress-v4`, { securityGroupId, ipProtocol: '-1', cidrIpv4: '0.0.0.0/0', description: 'all egress' }, opts)];
  if (network.spec.ipFamilies.includes('IPv6')) rules.push(new aws.vpc.SecurityGroupEgressRule(`${name}-egress-v6`, { securityGroupId, ipProtocol: '-1', cidrIpv6: '::/0', description: 'all egress' }, opts));
  return rules;
}
