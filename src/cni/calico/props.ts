import type { Construct } from 'constructs';
import type { ImageOptions } from '../common/images';
import type { BGPConfigurationSpec } from './bgp-configuration';
import type { BGPPeerSpec } from './bgp-peer';
import type { FelixConfigurationSpec } from './felix-configuration';
import type { IPPoolSpec } from './ip-pool';

/** `calico_backend`: what programs routes between nodes. */
export type CalicoNetworkingBackend = 'bird' | 'vxlan' | 'none';

/** An IPPool to create. */
export interface CalicoIpPool extends IPPoolSpec {
  /** IPPool name. */
  readonly name: string;
}

/** A BGPPeer to create. */
export interface CalicoBgpPeer extends BGPPeerSpec {
  /** BGPPeer name. */
  readonly name: string;
}

/** Options shared by the Calico and Canal constructs (the Calico policy half). */
export interface CalicoCommonProps extends ImageOptions {
  /** Namespace of every namespaced object. @default 'kube-system' */
  readonly namespace?: string;
  /** Calico image tag for cni, node, kube-controllers and typha. @default VERSIONS.calico.version */
  readonly version?: string;
  /** MTU of pod interfaces and tunnels (`veth_mtu`); 0 lets Calico detect it. @default 0 */
  readonly vethMtu?: number;
  /** Enable IPv6 in Felix (FELIX_IPV6SUPPORT) and address IPv6 pods. @default false */
  readonly ipv6?: boolean;
  /** Disable IPv4 pod addressing (IPv6-only clusters). @default false */
  readonly ipv4Disabled?: boolean;
  /** The cluster-wide FelixConfiguration `default`. @default - none created (Felix defaults) */
  readonly felixConfiguration?: FelixConfigurationSpec;
  /**
   * API server endpoint for calico-node (the `kubernetes-services-endpoint` ConfigMap), needed when kube-proxy is
   * absent (eBPF). @default - none (calico-node uses the kubernetes Service via kube-proxy)
   */
  readonly kubernetesServiceEndpoint?: { readonly host: string; readonly port: number };
  /** Where the CustomResourceDefinitions go (a chart applied first). @default - this construct */
  readonly crdScope?: Construct;
  /** Add Argo CD sync waves: CRDs "-1", custom resources "1". @default false */
  readonly argoSyncWaves?: boolean;
}

export interface CalicoProps extends CalicoCommonProps {
  /** Routing between nodes: BIRD (BGP), VXLAN only, or none (policy only). @default 'bird' */
  readonly backend?: CalicoNetworkingBackend;
  /**
   * IP pools to create as IPPool resources. When set, calico-node gets `NO_DEFAULT_POOLS=true` so the pools here are
   * the only ones. @default - none: calico-node creates its default pool from the CALICO_IPV4POOL_* env (calico.yaml)
   */
  readonly ipPools?: readonly CalicoIpPool[];
  /** The BGPConfiguration `default`. @default - none created (mesh on, AS 64512) */
  readonly bgpConfiguration?: BGPConfigurationSpec;
  /** BGP peers. @default - none */
  readonly bgpPeers?: readonly CalicoBgpPeer[];
  /** Run Typha (calico-typha.yaml) with this many replicas. @default - no Typha */
  readonly typhaReplicas?: number;
}
