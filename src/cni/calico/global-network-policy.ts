import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import { calicoResource, type CalicoResourceOptions } from '../common/calico-policy/custom-resource';
import type { CalicoPolicySpecBase } from './policy-rule';

/** `spec` of a cluster-wide Calico GlobalNetworkPolicy. */
export interface GlobalNetworkPolicySpec extends CalicoPolicySpecBase {
  /** Calico selector of the namespaces whose endpoints the policy applies to. @default - all */
  readonly namespaceSelector?: string;
  /** Apply before connection tracking (host endpoints only). @default false */
  readonly doNotTrack?: boolean;
  /** Apply before DNAT (host endpoints, ingress only). @default false */
  readonly preDNAT?: boolean;
  /** Apply to forwarded traffic too (host endpoints). @default false */
  readonly applyOnForward?: boolean;
}

export interface GlobalNetworkPolicyProps extends CalicoResourceOptions {
  readonly name: string;
  readonly spec: GlobalNetworkPolicySpec;
}

/** A cluster-wide Calico GlobalNetworkPolicy (applies across namespaces and to host endpoints). */
export class GlobalNetworkPolicy extends Construct {
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: GlobalNetworkPolicyProps) {
    super(scope, id);
    this.apiObject = calicoResource(this, 'resource', 'GlobalNetworkPolicy', { name: props.name }, props, { ...props.spec });
  }
}
