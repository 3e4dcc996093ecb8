import type { CrdPlacementProps } from '../../common/crd-definition';
import type { ImageOptions } from '../../common/images';

export interface WhereaboutsProps extends ImageOptions, CrdPlacementProps {
  /**
   * Namespace of the DaemonSet, Deployments, ConfigMap and ServiceAccount; whereabouts keeps its IPPools here
   * (`WHEREABOUTS_NAMESPACE`).
   * @default 'kube-system'
   */
  readonly namespace?: string;
  /** whereabouts image tag. @default VERSIONS.whereabouts.version ('v0.9.4') */
  readonly version?: string;
  /**
   * Reconciler schedule, 5-field cron evaluated in UTC (ConfigMap `whereabouts-config`, key `cron-expression`; the
   * reconciler re-reads it when the ConfigMap changes).
   * @default '30 4 * * *'
   */
  readonly reconcilerCronExpression?: string;
  /**
   * Node slices ("Fast IPAM", `node_slice_size` in a network's IPAM): adds the NodeSlicePool CRD and the
   * `whereabouts-controller` Deployment (doc/crds/node-slice-controller.yaml) that carves the slices.
   * @default false
   */
  readonly nodeSlices?: boolean;
}
