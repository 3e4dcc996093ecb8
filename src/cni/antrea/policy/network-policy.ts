import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import { policyProblems } from './policy-validation';
import { antreaResource } from './tier';
import type { AntreaPolicySpec, AntreaResourceOptions } from './types';

export interface AntreaNetworkPolicyProps extends AntreaResourceOptions {
  readonly name: string;
  readonly namespace: string;
  readonly spec: AntreaPolicySpec;
}

/**
 * An Antrea NetworkPolicy (ANNP, namespaced `crd.antrea.io/v1beta1` NetworkPolicy). Throws
 * `AntreaNetworkPolicy <namespace>/<name>: <path>: <problem>` for what the webhook refuses.
 */
export class AntreaNetworkPolicy extends Construct {
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: AntreaNetworkPolicyProps) {
    super(scope, id);
    const problems = policyProblems(props.spec);
    if (problems.length > 0) throw new Error(problems.map((p) => `AntreaNetworkPolicy ${props.namespace}/${props.name}: ${p}`).join('\n'));
    this.apiObject = antreaResource(this, 'NetworkPolicy', props.name, props.namespace, props, { ...props.spec });
  }
}
