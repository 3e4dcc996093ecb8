import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import { calicoResource, type CalicoResourceOptions, type CalicoSecretKeyRef } from '../common/calico-policy/custom-resource';

/** A range advertised over BGP. */
export interface BGPAdvertisedRange {
  readonly cidr: string;
}

/** `spec` of Calico's BGPConfiguration (upstream field names). */
export interface BGPConfigurationSpec {
  /** Default AS number of the nodes. @default 64512 */
  readonly asNumber?: number;
  /** Full BGP mesh between all nodes. @default true */
  readonly nodeToNodeMeshEnabled?: boolean;
  /** Service cluster IP ranges to advertise. @default - none */
  readonly serviceClusterIPs?: readonly BGPAdvertisedRange[];
  /** Service external IP ranges to advertise. @default - none */
  readonly serviceExternalIPs?: readonly BGPAdvertisedRange[];
  /** Service LoadBalancer IP ranges to advertise. @default - none */
  readonly serviceLoadBalancerIPs?: readonly BGPAdvertisedRange[];
  /** BGP listen port. @default 179 */
  readonly listenPort?: number;
  /** BIRD log level. @default 'INFO' */
  readonly logSeverityScreen?: string;
  /** Bind BIRD to the node IP only (`NodeIP`) or all addresses (`None`). @default 'None' */
  readonly bindMode?: 'None' | 'NodeIP';
  /** Password of the node-to-node mesh sessions, from a Secret. @default - no password */
  readonly nodeMeshPassword?: CalicoSecretKeyRef;
}

export interface BGPConfigurationProps extends CalicoResourceOptions {
  readonly spec: BGPConfigurationSpec;
}

/** Calico's cluster-wide BGP settings: the BGPConfiguration named `default`. */
export class BGPConfiguration extends Construct {
  /** The name Calico reads cluster-wide BGP settings from. */
  public static readonly NAME = 'default';
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: BGPConfigurationProps) {
    super(scope, id);
    this.apiObject = calicoResource(this, 'resource', 'BGPConfiguration', { name: BGPConfiguration.NAME }, props, { ...props.spec });
  }
}
