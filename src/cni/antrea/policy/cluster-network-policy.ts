import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import { policyProblems } from './policy-validation';
import { antreaResource } from './tier';
import type { AntreaPolicySpec, AntreaResourceOptions } from './types';

export interface AntreaClusterNetworkPolicyProps extends AntreaResourceOptions {
  readonly name: string;
  readonly spec: AntreaPolicySpec;
}

/**
 * An Antrea ClusterNetworkPolicy (ACNP, `crd.antrea.io/v1beta1` ClusterNetworkPolicy; needs the AntreaPolicy gate,
 * on by default). Throws `AntreaClusterNetworkPolicy <name>: <path>: <problem>` for what the webhook refuses.
 */
export class AntreaClusterNetworkPolicy extends Construct {
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: AntreaClusterNetworkPolicyProps) {
    super(scope, id);
    const problems = policyProblems(props.spec);
    if (problems.length > 0) throw new Error(problems.map((p) => `AntreaClusterNetworkPolicy ${props.name}: ${p}`).join('\n'));
    this.apiObject = antreaResource(this, 'ClusterNetworkPolicy', props.name, undefined, props, { ...props.spec });
  }
}
