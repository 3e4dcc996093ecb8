import { ApiObject, Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import type { BuildContext } from '../cni/common/cni-module';
import { buildMultus } from '../cni/multus/module';
import { buildWhereabouts } from '../cni/multus/whereabouts/module';
import { cniModuleFor } from '../cni/registry';
import { ARGO_SYNC_WAVE, SYNC_WAVES } from '../cni/common/sync-waves';
import type { ClusterNetworkSpec } from '../spec/schema';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { resolveClusterNetwork } from '../spec/validate';
import { LabelledChart, type OverriddenLabel } from './labelled-chart';

export interface ClusterNetworkChartProps extends Omit<ChartProps, 'namespace'> {
  /** The network: a ClusterNetwork document as users write it (validated here) or an already resolved one. */
  readonly spec: ClusterNetworkSpec | ResolvedClusterNetwork;
  /**
   * Add Argo CD `argocd.argoproj.io/sync-wave` annotations: CRDs -1, the CNI's objects 0, custom resources 1.
   * @default false
   */
  readonly argoSyncWaves?: boolean;
}

/** The Argo CD sync-wave annotation key (kept for compatibility; the one definition is `ARGO_SYNC_WAVE`). */
export const SYNC_WAVE_ANNOTATION = ARGO_SYNC_WAVE;

/**
 * Everything a ClusterNetwork spec asks for: the primary CNI (and, when present, its CRDs in a separate chart that is
 * synthesized first, `<name>-crds`). The spec is validated first; an invalid spec throws a `SpecValidationError`
 * listing every problem, before any object is created.
 */
export class ClusterNetworkChart extends LabelledChart {
  /** The validated spec with all defaults filled in. */
  public readonly network: ResolvedClusterNetwork;
  private crdChart?: LabelledChart;

  public constructor(scope: Construct, id: string, props: ClusterNetworkChartProps) {
    const network = resolveClusterNetwork(props.spec);
    super(scope, id, { ...props, labels: { ...network.metadata.labels, ...props.labels } });
    this.network = network;
    const argoSyncWaves = props.argoSyncWaves ?? false;
    const ctx: BuildContext = {
      argoSyncWaves,
      crdScope: () => {
        if (!this.crdChart) {
          this.crdChart = new LabelledChart(scope, `${id}-crds`, { labels: { ...network.metadata.labels, ...props.labels } });
          this.addDependency(this.crdChart);
        }
        return this.crdChart;
      },
    };
    cniModuleFor(network.spec.cni.type).build(this, network, ctx);
    if (network.spec.multus) buildMultus(this, network.spec.multus, ctx);
    if (network.spec.multus) buildWhereabouts(this, network.spec.multus, ctx);
    if (argoSyncWaves) {
      for (const obj of this.node.findAll()) {
        if (obj instanceof ApiObject && obj.metadata.toJson().annotations?.[ARGO_SYNC_WAVE] === undefined) obj.metadata.addAnnotation(ARGO_SYNC_WAVE, SYNC_WAVES.cni);
      }
    }
  }

  /** User labels (`metadata.labels`) that the CNI's own labels replaced, in this chart and the CRD chart. */
  public get overriddenLabels(): readonly OverriddenLabel[] {
    return [...super.overriddenLabels, ...(this.crdChart?.overriddenLabels ?? [])];
  }

  /** The chart holding CRDs, when the CNI ships any. */
  public get crds(): Chart | undefined {
    return this.crdChart;
  }
}
