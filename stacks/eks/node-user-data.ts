/**
 * User data of EKS managed nodes (Amazon Linux 2023, nodeadm): a `NodeConfig` that sets kubelet `maxPods` from the
 * library's calculation, and — when the CNI routes pods natively — a script that turns off the instance's
 * source/destination check.
 *
 * With an AMI named in the launch template (the component pins the EKS-optimized AL2023 AMI from its SSM parameter),
 * EKS merges nothing into the user data: the NodeConfig must be complete — cluster name, API endpoint, CA and service
 * range — and node labels / taints go to the kubelet here. Without the cluster block (an EKS-chosen AMI), EKS appends its
 * own NodeConfig after ours and nodeadm merges them, and EKS's maxPods can win (see docs/pulumi.md).
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

/** What nodeadm needs to join a cluster when EKS adds nothing (`NodeConfig.spec.cluster`). */
export interface NodeClusterInfo {
  readonly name: string;
  /** `https://…` */
  readonly apiServerEndpoint: string;
  /** Base64 PEM of the cluster CA. */
  readonly certificateAuthority: string;
  /** The service range (kube-dns address derives from it). */
  readonly cidr: string;
}

/** A taint in the EKS API spelling (`NO_SCHEDULE`). */
export interface NodeTaint {
  readonly key: string;
  readonly value?: string;
  readonly effect: 'NO_SCHEDULE' | 'NO_EXECUTE' | 'PREFER_NO_SCHEDULE';
}

export interface NodeUserDataOptions {
  readonly maxPods: number;
  readonly disableSourceDestCheck: boolean;
  /** The complete cluster block (custom AMI: EKS merges nothing). */
  readonly cluster?: NodeClusterInfo;
  readonly labels?: Readonly<Record<string, string>>;
  readonly taints?: readonly NodeTaint[];
}

const KUBELET_EFFECT = { NO_SCHEDULE: 'NoSchedule', NO_EXECUTE: 'NoExecute', PREFER_NO_SCHEDULE: 'PreferNoSchedule' } as const;

/** The nodeadm NodeConfig document with kubelet `maxPods` (and, for a custom AMI, the cluster, labels and taints). */
export function nodeConfigDocument(maxPods: number, opts: Omit<NodeUserDataOptions, 'maxPods' | 'disableSourceDestCheck'> = {}): string {
  const labels = Object.entries(opts.labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const flags = [
    ...(labels.length > 0 ? [`--node-labels=${labels.map(([k, v]) => `${k}=${v}`).join(',')}`] : []),
    ...((opts.taints ?? []).length > 0 ? [`--register-with-taints=${opts.taints!.map((t) => `${t.key}${t.value === undefined ? '' : `=${t.value}`}:${KUBELET_EFFECT[t.effect]}`).join(',')}`] : []),
  ];
  return stringify({
    apiVersion: 'node.eks.aws/v1alpha1',
    kind: 'NodeConfig',
    spec: {
      ...(opts.cluster ? { cluster: { ...opts.cluster } } : {}),
      kubelet: { config: { maxPods }, ...(flags.length > 0 ? { flags } : {}) },
    },
  });
}

/** MIME multi-part user data for a managed node group launch template (before base64). */
export function eksNodeUserData(opts: NodeUserDataOptions): string {
  const parts = [`Content-Type: application/node.eks.aws\n\n---\n${nodeConfigDocument(opts.maxPods, opts)}`];
  if (opts.disableSourceDestCheck) parts.push(`Content-Type: text/x-shellscript; charset="us-ascii"\n\n${SOURCE_DEST_CHECK_OFF_SCRIPT}`);
  return `MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="${BOUNDARY}"\n\n${parts.map((p) => `--${BOUNDARY}\n${p}\n`).join('')}--${BOUNDARY}--\n`;
}
