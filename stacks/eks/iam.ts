/**
 * EKS IAM with least privilege: the cluster role (AmazonEKSClusterPolicy, plus AmazonEKSVPCResourceController for
 * security groups for pods), and a node role without the CNI policy (that goes to the aws-node service account through
 * Pod Identity). For natively routing CNIs the node role may turn off the source/destination check, only on instances
 * of this cluster.
 */
import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';

export const assumeRole = (service: string, tagSession = true) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: tagSession ? ['sts:AssumeRole', 'sts:TagSession'] : 'sts:AssumeRole' }] });
export const managedPolicy = (name: string) => `arn:aws:iam::aws:policy/${name}`;

export interface EksIamArgs {
  /** The physical cluster name (tag condition of the source/destination-check permission). */
  readonly clusterName: string;
  readonly sourceDestCheckOff: boolean;
  /** Security groups for pods (VPC CNI `podENI`): the cluster role manages trunk and branch ENIs. */
  readonly podEni: boolean;
  readonly parent: pulumi.Resource;
}

export interface EksIam {
  readonly clusterRole: aws.iam.Role;
  /** The cluster role's policy attachments: the cluster depends on them, so `pulumi destroy` detaches them last. */
  readonly clusterPolicies: pulumi.Resource[];
  readonly nodeRole: aws.iam.Role;
  readonly nodePolicies: pulumi.Resource[];
}

export function eksIam(name: string, args: EksIamArgs): EksIam {
  const child = { parent: args.parent };
  const attach = (id: string, role: aws.iam.Role, policyName: string) => new aws.iam.RolePolicyAttachment(`${name}-${id}`, { role: role.name, policyArn: managedPolicy(policyName) }, child);
  const clusterRole = new aws.iam.Role(`${name}-cluster`, { assumeRolePolicy: assumeRole('eks.amazonaws.com') }, child);
  const clusterPolicies: pulumi.Resource[] = [attach('cluster-policy', clusterRole, 'AmazonEKSClusterPolicy')];
  if (args.podEni) clusterPolicies.push(attach('cluster-vpc-resource-controller', clusterRole, 'AmazonEKSVPCResourceController'));
  const nodeRole = new aws.iam.Role(`${name}-node`, { assumeRolePolicy: assumeRole('ec2.amazonaws.com', false) }, child);
  const nodePolicies: pulumi.Resource[] = [attach('node-worker', nodeRole, 'AmazonEKSWorkerNodePolicy'), attach('node-ecr', nodeRole, 'AmazonEC2ContainerRegistryReadOnly')];
  if (args.sourceDestCheckOff) {
    nodePolicies.push(
      new aws.iam.RolePolicy(
        `${name}-node-source-dest-check`,
        {
          role: nodeRole.name,
          policy: JSON.stringify({
            Version: '2012-10-17',
            // The condition limits WHICH instances (this cluster's), not which attributes: ModifyInstanceAttribute also
            // changes security groups, user data and instance type. IMDS hop limit 1 keeps it away from pods.
            Statement: [{ Effect: 'Allow', Action: 'ec2:ModifyInstanceAttribute', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/eks:cluster-name': args.clusterName } } }],
          }),
        },
        child,
      ),
    );
  }
  return { clusterRole, clusterPolicies, nodeRole, nodePolicies };
}
