/**
 * The EKS node security group: node-to-node rules exactly from the firewall data, egress, and control plane <-> nodes —
 * kubelet (10250), HTTPS (443) and the webhook ports controllers listen on (terraform-aws-eks opens 4443, 6443, 8443 and
 * 9443 from the cluster security group for the same reason: metrics-server, cert-manager, Karpenter, the AWS Load
 * Balancer Controller and Gatekeeper serve admission webhooks or aggregated APIs there).
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import { allowAllEgress, nodeSecurityGroupRules } from '../aws-common';

export interface EksNodeSecurityGroupArgs {
  readonly network: ResolvedClusterNetwork;
  /** Physical cluster name (tags). */
  readonly clusterName: string;
  readonly vpcId: pulumi.Input<string>;
  readonly clusterSecurityGroupId: pulumi.Input<string>;
  /** Ports the control plane may reach on nodes for webhooks, besides 443. */
  readonly webhookPorts: readonly number[];
  readonly parent: pulumi.Resource;
}

export function eksNodeSecurityGroup(name: string, args: EksNodeSecurityGroupArgs): aws.ec2.SecurityGroup {
  const child = { parent: args.parent };
  const { clusterName, clusterSecurityGroupId: clusterSgId } = args;
  const sg = new aws.ec2.SecurityGroup(`${name}-nodes`, { vpcId: args.vpcId, description: `${clusterName} nodes`, tags: { Name: `${clusterName}-nodes`, [`kubernetes.io/cluster/${clusterName}`]: 'owned' } }, child);
  nodeSecurityGroupRules(`${name}-nodes`, args.network, sg.id, child);
  allowAllEgress(`${name}-nodes`, args.network, sg.id, child);
  const rule = (id: string, a: aws.vpc.SecurityGroupIngressRuleArgs) => new aws.vpc.SecurityGroupIngressRule(`${name}-${id}`, a, child);
  const fromControlPlane = (port: number, description: string) => ({ securityGroupId: sg.id, referencedSecurityGroupId: clusterSgId, ipProtocol: 'tcp', fromPort: port, toPort: port, description });
  rule('nodes-from-control-plane-kubelet', fromControlPlane(10250, 'control plane to kubelet'));
  rule('nodes-from-control-plane-https', fromControlPlane(443, 'control plane to webhooks'));
  for (const port of args.webhookPorts) rule(`nodes-from-control-plane-webhook-${port}`, fromControlPlane(port, `control plane to webhooks (${port})`));
  rule('control-plane-from-nodes', { securityGroupId: clusterSgId, referencedSecurityGroupId: sg.id, ipProtocol: 'tcp', fromPort: 443, toPort: 443, description: 'nodes to API server' });
  return sg;
}
