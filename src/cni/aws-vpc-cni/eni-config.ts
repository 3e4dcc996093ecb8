import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { EniConfigProps } from './props';

/**
 * An ENIConfig (`crd.k8s.amazonaws.com/v1alpha1`, cluster-scoped): the subnet and security groups of the pod ENIs on
 * nodes whose `ENI_CONFIG_LABEL_DEF` label (usually the zone) names it. Used with custom networking.
 */
export class EniConfig extends Construct {
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: EniConfigProps & { readonly annotations?: Readonly<Record<string, string>> }) {
    super(scope, id);
    this.apiObject = new ApiObject(this, 'resource', {
      apiVersion: 'crd.k8s.amazonaws.com/v1alpha1',
      kind: 'ENIConfig',
      metadata: { name: props.name, ...(props.annotations ? { annotations: { ...props.annotations } } : {}) },
      spec: {
        ...(props.securityGroups && props.securityGroups.length > 0 ? { securityGroups: [...props.securityGroups] } : {}),
        subnet: props.subnet,
      },
    });
  }
}
