import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import { calicoResource, type CalicoResourceOptions } from '../common/calico-policy/custom-resource';
import type { CalicoPolicySpecBase } from './policy-rule';

/** `spec` of a namespaced Calico NetworkPolicy. */
export interface CalicoNetworkPolicySpec extends CalicoPolicySpecBase {}

export interface CalicoNetworkPolicyProps extends CalicoResourceOptions {
  readonly name: string;
  readonly namespace: string;
  readonly spec: CalicoNetworkPolicySpec;
}

/** A namespaced Calico NetworkPolicy (ordered rules with Allow/Deny/Log/Pass, Calico selectors). */
export class CalicoNetworkPolicy extends Construct {
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: CalicoNetworkPolicyProps) {
    super(scope, id);
    this.apiObject = calicoResource(this, 'resource', 'NetworkPolicy', { name: props.name, namespace: props.namespace }, props, { ...props.spec });
  }
}
