/**
 * User data of EKS managed nodes (Amazon Linux 2023, nodeadm): a `NodeConfig` that sets kubelet `maxPods` from the
 * library's calculation (EKS merges it with the cluster settings it injects), and — when the CNI routes pods natively —
 * a script that turns off the instance's source/destination check.
 */
import { stringify } from 'yaml';

const BOUNDARY = 'CDK8S-CNI-BOUNDARY';

/** The shell part that disables the EC2 source/destination check of the instance it runs on (IMDSv2). */
export const SOURCE_DEST_CHECK_OFF_SCRIPT = `#!/bin/bash
set -euo pipefail
imds_token=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300')
instance_id=$(curl -fsS -H "X-aws-ec2-metadata-token: $imds_token" http://169.254.169.254/latest/meta-data/instance-id)
region=$(curl -fsS -H "X-aws-ec2-metadata-token: $imds_token" http://169.254.169.254/latest/meta-data/placement/region)
aws ec2 modify-instance-attribute --region "$region" --instance-id "$instance_id" --no-source-dest-check
`;

/** The nodeadm NodeConfig document with kubelet `maxPods`. */
export function nodeConfigDocument(maxPods: number): string {
  return stringify({ apiVersion: 'node.eks.aws/v1alpha1', kind: 'NodeConfig', spec: { kubelet: { config: { maxPods } } } });
}

/** MIME multi-part user data for a managed node group launch template (before base64). */
export function eksNodeUserData(opts: { readonly maxPods: number; readonly disableSourceDestCheck: boolean }): string {
  const parts = [`Content-Type: application/node.eks.aws\n\n---\n${nodeConfigDocument(opts.maxPods)}`];
  if (opts.disableSourceDestCheck) parts.push(`Content-Type: text/x-shellscript; charset="us-ascii"\n\n${SOURCE_DEST_CHECK_OFF_SCRIPT}`);
  return `MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${BOUNDARY}"\n\n${parts.map((p) => `--${BOUNDARY}\n${p}\n`).join('')}--${BOUNDARY}--\n`;
}
