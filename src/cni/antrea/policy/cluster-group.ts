import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import { antreaResource } from './tier';
import type { AntreaIpBlock, AntreaLabelSelector, AntreaNamespacedName, AntreaResourceOptions } from './types';

/** `spec` of a ClusterGroup: one way of selecting members. */
export interface ClusterGroupSpec {
  readonly podSelector?: AntreaLabelSelector;
  readonly namespaceSelector?: AntreaLabelSelector;
  readonly nodeSelector?: AntreaLabelSelector;
  readonly externalEntitySelector?: AntreaLabelSelector;
  readonly ipBlocks?: readonly AntreaIpBlock[];
  /** The endpoints of a Service. @default - none */
  readonly serviceReference?: AntreaNamespacedName;
  /** Other ClusterGroups, by name. @default - none */
  readonly childGroups?: readonly string[];
}

/**
 * Why a ClusterGroup spec is refused by the webhook (validateAntreaClusterGroupSpec: one kind of selection per group;
 * podSelector and externalEntitySelector not together), or undefined.
 */
export function clusterGroupProblem(spec: ClusterGroupSpec): string | undefined {
  const kinds = [
    spec.podSelector || spec.namespaceSelector || spec.externalEntitySelector ? 'selectors' : undefined,
    spec.nodeSelector ? 'nodeSelector' : undefined,
    spec.ipBlocks && spec.ipBlocks.length > 0 ? 'ipBlocks' : undefined,
    spec.serviceReference ? 'serviceReference' : undefined,
    spec.childGroups && spec.childGroups.length > 0 ? 'childGroups' : undefined,
  ].filter((k): k is string => k !== undefined);
  if (kinds.length === 0) return 'spec: selects nothing (allowed: selectors, nodeSelector, ipBlocks, serviceReference or childGroups)';
  if (kinds.length > 1) return `spec: combines ${kinds.join(' and ')} (allowed: exactly one of podSelector/namespaceSelector, nodeSelector, ipBlocks, serviceReference, childGroups)`;
  if (spec.podSelector && spec.externalEntitySelector) return 'spec.externalEntitySelector: set together with podSelector (allowed: one of the two)';
  return undefined;
}

export interface ClusterGroupProps extends AntreaResourceOptions {
  readonly name: string;
  readonly spec: ClusterGroupSpec;
}

/** An Antrea ClusterGroup (`crd.antrea.io/v1beta1`), referenced by ACNP peers and appliedTo as `group`. */
export class ClusterGroup extends Construct {
  public readonly apiObject: ApiObject;
  public readonly groupName: string;

  public constructor(scope: Construct, id: string, props: ClusterGroupProps) {
    super(scope, id);
    const problem = clusterGroupProblem(props.spec);
    if (problem) throw new Error(`ClusterGroup ${props.name}: ${problem}`);
    this.groupName = props.name;
    this.apiObject = antreaResource(this, 'ClusterGroup', props.name, undefined, props, { ...props.spec });
  }
}
