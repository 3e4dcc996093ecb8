import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { IssueCollector } from '../../spec/issues';
import { checkDns1123Label, checkDns1123Subdomain } from '../../spec/k8s-names';
import { SG_ID } from './ids';
import { AWS_RULES as R } from './rules';

/** The most security groups one policy may name (the CRD's `groupIds` maxItems). */
export const MAX_POLICY_SECURITY_GROUPS = 16;

/** A SecurityGroupPolicy: security groups for the branch ENIs of the pods it selects. */
export interface SecurityGroupPolicyProps {
  /** Policy name (a DNS-1123 subdomain). */
  readonly name: string;
  /** Namespace of the policy; it selects pods of this namespace only. @default 'default' */
  readonly namespace?: string;
  /** Pods that get the security groups. @default - none (select by service account) */
  readonly podSelector?: k8s.LabelSelector;
  /** Pods whose service account carries these labels get the security groups. @default - none (select by pod labels) */
  readonly serviceAccountSelector?: k8s.LabelSelector;
  /** Security group IDs (`sg-…`), 1 to 16. */
  readonly securityGroups: readonly string[];
  /** Annotations of the object (e.g. Argo CD sync waves). @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * What the API server and the VPC resource controller refuse in one policy, reported at `path` (the spec path of the
 * entry, or `SecurityGroupPolicy <name>` for the construct): its name and namespace, the group IDs and their count.
 */
export function checkSecurityGroupPolicy(p: SecurityGroupPolicyProps, path: string, issues: IssueCollector): void {
  checkDns1123Subdomain(p.name, `${path}.name`, issues);
  checkDns1123Label(p.namespace ?? 'default', `${path}.namespace`, issues);
  const count = p.securityGroups.length;
  if (count < 1 || count > MAX_POLICY_SECURITY_GROUPS) issues.report(R.policySecurityGroupCount, `${path}.securityGroups`, { count, max: MAX_POLICY_SECURITY_GROUPS });
  p.securityGroups.forEach((sg, i) => {
    if (!SG_ID.test(sg)) issues.report(R.policySecurityGroupId, `${path}.securityGroups[${i}]`, { value: JSON.stringify(sg) });
  });
  if (!p.podSelector && !p.serviceAccountSelector) issues.report(R.policyWithoutSelector, path, { name: p.name });
}

/** A label selector as the CRD stores it (fields left out when empty). */
function selector(s: k8s.LabelSelector | undefined): Record<string, unknown> | undefined {
  if (!s) return undefined;
  return {
    ...(s.matchExpressions?.length ? { matchExpressions: s.matchExpressions.map((e) => ({ key: e.key, operator: e.operator, ...(e.values ? { values: [...e.values] } : {}) })) } : {}),
    ...(s.matchLabels ? { matchLabels: { ...s.matchLabels } } : {}),
  };
}

/**
 * A SecurityGroupPolicy (`vpcresources.k8s.aws/v1beta1`, namespaced): the VPC resource controller gives each pod it
 * selects a branch ENI with these security groups. Needs `ENABLE_POD_ENI` on trunk-capable nodes; the CRD is part of
 * EKS (the controller runs on its control plane). Throws a SpecValidationError (every problem, `path: message`) for
 * input the API server or the controller would refuse.
 */
export class SecurityGroupPolicy extends Construct {
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: SecurityGroupPolicyProps) {
    // Checked before the construct joins the tree, so a refused policy leaves nothing behind.
    const issues = new IssueCollector();
    checkSecurityGroupPolicy(props, `SecurityGroupPolicy ${props.name}`, issues);
    issues.throwIfAny();
    super(scope, id);
    const podSelector = selector(props.podSelector);
    const serviceAccountSelector = selector(props.serviceAccountSelector);
    this.apiObject = new ApiObject(this, 'resource', {
      apiVersion: 'vpcresources.k8s.aws/v1beta1',
      kind: 'SecurityGroupPolicy',
      metadata: { name: props.name, namespace: props.namespace ?? 'default', ...(props.annotations ? { annotations: { ...props.annotations } } : {}) },
      spec: {
        ...(podSelector ? { podSelector } : {}),
        securityGroups: { groupIds: [...props.securityGroups] },
        ...(serviceAccountSelector ? { serviceAccountSelector } : {}),
      },
    });
  }
}
