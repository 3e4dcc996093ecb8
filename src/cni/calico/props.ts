import type { CalicoCommonProps } from '../common/calico-policy/props';
import type { BGPConfigurationSpec } from './bgp-configuration';
import type { BGPFilterSpec } from './bgp-filter';
import type { BGPPeerSpec } from './bgp-peer';
import type { IPAMConfigSpec } from './ipam-config';
import type { CalicoIpAutodetectionMethod } from './ip-autodetection';
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

/** A BGPFilter to create. */
export interface CalicoBgpFilter extends BGPFilterSpec {
  /** BGPFilter name (what BGPPeers list in `filters`). */
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
  /** BGP filters, referenced by name from `bgpPeers[].filters`. @default - none */
  readonly bgpFilters?: readonly CalicoBgpFilter[];
  /**
   * How calico-node picks the node's IPv4 address (`IP_AUTODETECTION_METHOD`). On nodes with several interfaces
   * first-found can pick the wrong one (docs.tigera.io/calico/latest/networking/ipam/ip-autodetection); `cidr=` the
   * node network picks the right one. The spec layer defaults it to `cidr=` spec.nodes.cidrs when those are given.
   * @default - unset: calico-node's first-found
   */
  readonly ipAutodetectionMethod?: CalicoIpAutodetectionMethod;
  /** How calico-node picks the node's IPv6 address (`IP6_AUTODETECTION_METHOD`), with `ipv6`. @default - unset: first-found */
  readonly ip6AutodetectionMethod?: CalicoIpAutodetectionMethod;
  /** Run Typha (calico-typha.yaml) with this many replicas. @default - no Typha */
  readonly typhaReplicas?: number;
}
