import { Construct } from 'constructs';
import type { ApiObject } from 'cdk8s';
import { calicoResource, type CalicoResourceOptions, type CalicoSecretKeyRef } from '../common/calico-policy/custom-resource';

/** `spec` of a Calico BGPPeer (upstream field names). */
export interface BGPPeerSpec {
  /** The one node that peers. @default - see nodeSelector */
  readonly node?: string;
  /** Calico selector of the nodes that peer. @default - all nodes (when node is unset too) */
  readonly nodeSelector?: string;
  /** Address of an external peer, `ip` or `ip:port` (`[ipv6]:port`). Exclusive with peerSelector. @default - none */
  readonly peerIP?: string;
  /** AS number of the external peer (with peerIP). @default - none */
  readonly asNumber?: number;
  /** Calico selector of the nodes to peer with (route reflectors). Exclusive with peerIP. @default - none */
  readonly peerSelector?: string;
  /** Session password, from a Secret in Calico's namespace. @default - no password */
  readonly password?: CalicoSecretKeyRef;
  /** Source address of the session. @default 'UseNodeIP' */
  readonly sourceAddress?: 'UseNodeIP' | 'None';
  /** Graceful-restart time. @default - BIRD's 120s */
  readonly maxRestartTime?: string;
  /** Local AS number for this peering. @default - the node's */
  readonly localASNumber?: number;
  /** Next hop handling. @default 'Auto' */
  readonly nextHopMode?: 'Auto' | 'Self' | 'Keep';
  /** BGP TTL security hop count. @default - off */
  readonly ttlSecurity?: number;
  /** Names of the BGPFilters applied to this peering, in order. @default - none */
  readonly filters?: readonly string[];
}

export interface BGPPeerProps extends CalicoResourceOptions {
  /** Resource name (a DNS-1123 subdomain). */
  readonly name: string;
  readonly spec: BGPPeerSpec;
}

/** A Calico BGPPeer: a BGP session from selected nodes to an external router or to other Calico nodes. */
export class BGPPeer extends Construct {
  public readonly apiObject: ApiObject;

  public constructor(scope: Construct, id: string, props: BGPPeerProps) {
    super(scope, id);
    const s = props.spec;
    if ((s.peerIP === undefined) === (s.peerSelector === undefined)) {
      throw new Error(`BGPPeer ${props.name}: set exactly one of peerIP and peerSelector`);
    }
    if (s.peerSelector !== undefined && s.asNumber !== undefined) {
      throw new Error(`BGPPeer ${props.name}: asNumber goes with peerIP, not peerSelector (selected Calico nodes use their own AS)`);
    }
    this.apiObject = calicoResource(this, 'resource', 'BGPPeer', { name: props.name }, props, { ...s });
  }
}
