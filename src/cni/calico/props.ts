import type { CalicoCommonProps } from '../common/calico-policy/props';
import type { BGPConfigurationSpec } from './bgp-configuration';
import type { BGPPeerSpec } from './bgp-peer';
import type { IPAMConfigSpec } from './ipam-config';
import type { IPPoolSpec } from './ip-pool';

/** `calico_backend`: what programs routes between nodes. */
export type CalicoNetworkingBackend = 'bird' | 'vxlan' | 'none';

/**
 * An IPPool to create. Fields left out take the IPPool CRD defaults (e.g. `natOutgoing` false); the spec layer
 * (`calicoProps`) always writes `natOutgoing`: true for IPv4 pools, false for IPv6, unless the spec says otherwise.
 */
export interface CalicoIpPool extends IPPoolSpec {
  /** IPPool name. */
  readonly name: string;
}

/** A BGPPeer to create. */
export interface CalicoBgpPeer extends BGPPeerSpec {
  /** BGPPeer name. */
  readonly name: string;
}

export interface CalicoProps extends CalicoCommonProps {
  /** Routing between nodes: BIRD (BGP), VXLAN only, or none (policy only). @default 'bird' */
  readonly backend?: CalicoNetworkingBackend;
  /**
   * IP pools to create as IPPool resources. When set, calico-node gets `NO_DEFAULT_POOLS=true` so the pools here are
   * the only ones. @default - none: calico-node creates its default pool from the CALICO_IPV4POOL_* env (calico.yaml)
   */
  readonly ipPools?: readonly CalicoIpPool[];
  /** The IPAMConfig `default` (e.g. `strictAffinity`). @default - none created (Calico's defaults: no strict affinity) */
  readonly ipamConfig?: IPAMConfigSpec;
  /** The BGPConfiguration `default`. @default - none created (mesh on, AS 64512) */
  readonly bgpConfiguration?: BGPConfigurationSpec;
  /** BGP peers. @default - none */
  readonly bgpPeers?: readonly CalicoBgpPeer[];
  /** Run Typha (calico-typha.yaml) with this many replicas. @default - no Typha */
  readonly typhaReplicas?: number;
}
