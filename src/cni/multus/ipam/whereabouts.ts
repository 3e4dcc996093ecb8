import type { IpamRoute } from './common';

/**
 * whereabouts IPAM (reference/multus/whereabouts/README.md): cluster-wide allocation from `range`, stored in the
 * Kubernetes API (IPPool custom resources). Needs the whereabouts binary and its CRDs on the cluster.
 */
export interface WhereaboutsIpam {
  readonly type: 'whereabouts';
  /** CIDR to allocate from; host bits are allowed (`192.168.2.225/28`). */
  readonly range: string;
  /** First address to hand out. @default - inferred from `range` */
  readonly range_start?: string;
  /** Last address to hand out. @default - the last address of `range` */
  readonly range_end?: string;
  /** CIDRs never handed out. @default - none */
  readonly exclude?: string[];
  /** Gateway returned to the plugin. @default - none */
  readonly gateway?: string;
  /** Routes added in the pod. @default - none */
  readonly routes?: IpamRoute[];
  /**
   * Node slices ("Fast IPAM", experimental): the prefix length each node's slice of `range` gets, e.g. `/28`. Needs
   * the node-slice controller (`Whereabouts` with `nodeSlices: true`).
   * @default - no node slices
   */
  readonly node_slice_size?: string;
}
