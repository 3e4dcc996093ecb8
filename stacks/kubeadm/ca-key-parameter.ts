/**
 * Out-of-band delivery of the cluster CA private key to the control plane: an SSM Parameter Store SecureString
 * (encrypted with the account's `aws/ssm` key) and an instance profile whose only permission is reading that one
 * parameter. User data carries only the parameter name: it is readable through `ec2:DescribeInstanceAttribute`
 * (e.g. the AWS-managed ReadOnlyAccess policy), through IMDS by any process on the node, and in cloud-init's copies
 * on disk, so it must never hold key material.
 */
import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';

const ASSUME_EC2 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

/** The SSM parameter holding the CA key of a cluster. */
export function caKeyParameterName(clusterName: string): string {
  return `/cdk8s-cni/${clusterName}/ca-key`;
}

export interface CaKeyParameterArgs {
  /** The CA private key (PEM, secret). */
  readonly caKeyPem: pulumi.Input<string>;
  /** Physical cluster name: the parameter is `/cdk8s-cni/<clusterName>/ca-key`. @default the component name */
  readonly clusterName?: string;
}

export class CaKeyParameter extends pulumi.ComponentResource {
  /** The parameter name, `/cdk8s-cni/<clusterName>/ca-key`. */
  public readonly parameterName: string;
  public readonly parameter: aws.ssm.Parameter;
  /** The control plane's instance profile: `ssm:GetParameter` on this parameter only. */
  public readonly instanceProfile: aws.iam.InstanceProfile;
  /** The read permission (instances using the profile depend on it, so the key is readable at first boot). */
  public readonly readPolicy: aws.iam.RolePolicy;

  public constructor(name: string, args: CaKeyParameterArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('cdk8s-cni:kubeadm:CaKeyParameter', name, {}, opts);
    const child = { parent: this };
    this.parameterName = caKeyParameterName(args.clusterName ?? name);
    this.parameter = new aws.ssm.Parameter(
      `${name}-ca-key`,
      { name: this.parameterName, type: 'SecureString', value: pulumi.secret(args.caKeyPem), description: `${name}: cluster CA private key, read once by the control plane at boot` },
      child,
    );
    const role = new aws.iam.Role(`${name}-control-plane`, { assumeRolePolicy: ASSUME_EC2 }, child);
    this.readPolicy = new aws.iam.RolePolicy(
      `${name}-control-plane-ca-key`,
      {
        role: role.name,
        // The one parameter; decryption with the AWS-managed aws/ssm key needs no KMS statement (its key policy
        // allows use through SSM to principals of the account).
        policy: this.parameter.arn.apply((arn) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ssm:GetParameter', Resource: arn }] })),
      },
      child,
    );
    this.instanceProfile = new aws.iam.InstanceProfile(`${name}-control-plane`, { role: role.name }, child);
    this.registerOutputs({});
  }
}
