import { ApiObject, Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { BuildContext } from '../cni/common/cni-module';
import { cniModuleFor } from '../cni/registry';
import { ARGO_SYNC_WAVE, SYNC_WAVES } from '../cni/common/sync-waves';
import type { ClusterNetworkSpec } from '../spec/schema';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { resolveClusterNetwork } from '../spec/validate';
import { OverridableChart, type OverridableChartProps } from '../overrides/chart';
import type { OverriddenLabel } from './labelled-chart';

export interface ClusterNetworkChartProps extends Omit<OverridableChartProps, 'namespace'> {
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
export class ClusterNetworkChart extends OverridableChart {
  /** The validated spec with all defaults filled in. */
  public readonly network: ResolvedClusterNetwork;
  private crdChart?: OverridableChart;

  public constructor(scope: Construct, id: string, props: ClusterNetworkChartProps) {
    const network = resolveClusterNetwork(props.spec);
    super(scope, id, { ...props, overrides: undefined, labels: { ...network.metadata.labels, ...props.labels } });
    this.network = network;
    // spec.overrides were checked by validation (which also reported their warnings); props.overrides are checked here
    if (network.spec.overrides) this.addOverrides(network.spec.overrides, 'spec.overrides', true);
    if (props.overrides) this.addOverrides(props.overrides, 'overrides');
    const argoSyncWaves = props.argoSyncWaves ?? false;
    const ctx: BuildContext = {
      argoSyncWaves,
      crdScope: () => {
        if (!this.crdChart) {
          this.crdChart = new OverridableChart(scope, `${id}-crds`, { labels: { ...network.metadata.labels, ...props.labels } });
          this.addDependency(this.crdChart);
          this.shareOverrides(this.crdChart);
        }
        return this.crdChart;
      },
    };
    cniModuleFor(network.spec.cni.type).build(this, network, ctx);
    if (network.spec.multus) {
      // Multus's modules (constructs and checks) load only for a spec that has Multus
      (require('../cni/multus/module') as typeof import('../cni/multus/module')).buildMultus(this, network.spec.multus, ctx);
      (require('../cni/multus/whereabouts/module') as typeof import('../cni/multus/whereabouts/module')).buildWhereabouts(this, network.spec.multus, ctx);
    }
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
