import { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { ipPoolCrd, nodeSlicePoolCrd, overlappingRangeIPReservationCrd } from '../../../generated/whereabouts';
import { CustomResourceDefinitions } from '../../common/crd-definition';
import { renderImage } from '../../common/images';
import { ClusterRoleForServiceAccount } from '../../common/rbac';
import { syncWaveAnnotations } from '../../common/sync-waves';
import { VERSIONS } from '../../common/versions';
import { issueOf, type SpecIssue } from '../../../spec/issues';
import { formatWithRule } from '../rules';
import { cronExpressionProblem } from './cron';
import { CRON_EXPRESSION_KEY, daemonSetPodSpec, nodeSliceControllerPodSpec, reconcilerPodSpec, WHEREABOUTS_CONFIG_MAP, WHEREABOUTS_SERVICE_ACCOUNT } from './pods';
import type { WhereaboutsProps } from './props';
import { WHEREABOUTS_RBAC_RULES } from './rbac';
import { WHEREABOUTS_RULES } from './rules';
import { DEFAULT_RECONCILER_CRON_EXPRESSION } from './spec';

const DAEMON_LABELS = { tier: 'node', app: 'whereabouts' };
const RECONCILER_LABELS = { tier: 'node', app: 'whereabouts-reconciler' };

/**
 * whereabouts, the cluster-wide IPAM for Multus secondary networks, as v0.9.4 ships it in doc/crds: the IPPool and
 * OverlappingRangeIPReservation CRDs (in `crdScope` when given, so they apply first), the `whereabouts` ServiceAccount
 * with the `whereabouts-cni` ClusterRole, the `whereabouts-config` ConfigMap with the reconciler schedule, the
 * `whereabouts` DaemonSet and the `whereabouts-reconciler` Deployment (one replica: it has no leader election). With
 * `nodeSlices`, also the NodeSlicePool CRD and the `whereabouts-controller` Deployment. Images are pinned to the
 * release tag instead of upstream's `:latest`.
 */
export class Whereabouts extends Construct {
  public readonly namespace: string;
  public readonly image: string;
  public readonly crds: CustomResourceDefinitions;
  public readonly configMap: k8s.KubeConfigMap;
  public readonly daemonSet: k8s.KubeDaemonSet;
  public readonly reconciler: k8s.KubeDeployment;
  /** The node-slice controller, with `nodeSlices`. */
  public readonly nodeSliceController?: k8s.KubeDeployment;
  private readonly schedule: string;

  public constructor(scope: Construct, id: string, props: WhereaboutsProps = {}) {
    super(scope, id);
    const ns = (this.namespace = props.namespace ?? 'kube-system');
    const image = (this.image = renderImage(VERSIONS.whereabouts.images.whereabouts, { imageRegistry: props.imageRegistry, tag: props.version }));
    const schedule = props.reconcilerCronExpression ?? DEFAULT_RECONCILER_CRON_EXPRESSION;
    const nodeSlices = props.nodeSlices ?? false;

    this.crds = new CustomResourceDefinitions(props.crdScope ?? this, props.crdScope ? `${id}-crds` : 'crds', {
      definitions: nodeSlices ? [ipPoolCrd, overlappingRangeIPReservationCrd, nodeSlicePoolCrd] : [ipPoolCrd, overlappingRangeIPReservationCrd],
      annotations: syncWaveAnnotations(props.argoSyncWaves ?? false, 'crd'),
    });
    new k8s.KubeServiceAccount(this, 'service-account', { metadata: { name: WHEREABOUTS_SERVICE_ACCOUNT, namespace: ns } });
    new ClusterRoleForServiceAccount(this, 'rbac', {
      name: 'whereabouts-cni',
      bindingName: 'whereabouts',
      rules: WHEREABOUTS_RBAC_RULES,
      serviceAccount: { name: WHEREABOUTS_SERVICE_ACCOUNT, namespace: ns },
    });
    this.configMap = new k8s.KubeConfigMap(this, 'config', {
      metadata: { name: WHEREABOUTS_CONFIG_MAP, namespace: ns, annotations: { 'kubernetes.io/description': 'Configmap containing user customizable cronjob schedule\n' } },
      data: { [CRON_EXPRESSION_KEY]: schedule },
    });
    this.daemonSet = new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: { name: 'whereabouts', namespace: ns, labels: DAEMON_LABELS },
      spec: {
        selector: { matchLabels: { name: 'whereabouts' } },
        updateStrategy: { type: 'RollingUpdate' },
        template: { metadata: { labels: { ...DAEMON_LABELS, name: 'whereabouts' } }, spec: daemonSetPodSpec(image) },
      },
    });
    this.reconciler = new k8s.KubeDeployment(this, 'reconciler', {
      metadata: { name: 'whereabouts-reconciler', namespace: ns, labels: RECONCILER_LABELS },
      spec: {
        // must stay 1: the reconciler has no leader election, so a second replica reconciles twice
        replicas: 1,
        selector: { matchLabels: { name: 'whereabouts-reconciler' } },
        template: { metadata: { labels: { ...RECONCILER_LABELS, name: 'whereabouts-reconciler' } }, spec: reconcilerPodSpec(image) },
      },
    });
    if (nodeSlices) {
      this.nodeSliceController = new k8s.KubeDeployment(this, 'node-slice-controller', {
        metadata: { name: 'whereabouts-controller', namespace: ns },
        spec: {
          // one replica: the controller has no leader election either (cmd/nodeslicecontroller "TODO: leader election")
          replicas: 1,
          selector: { matchLabels: { app: 'whereabouts-controller' } },
          template: { metadata: { labels: { app: 'whereabouts-controller' } }, spec: nodeSliceControllerPodSpec(image) },
        },
      });
    }
    this.schedule = schedule;
    this.node.addValidation({ validate: () => this.issues().map(formatWithRule) });
  }

  /** Errors of the props, each with its rule (checked at synth; paths start with `Whereabouts`). */
  public issues(): readonly SpecIssue[] {
    const why = cronExpressionProblem(this.schedule);
    return why ? [issueOf(WHEREABOUTS_RULES.cronExpressionInvalid, 'Whereabouts.reconcilerCronExpression', { expression: this.schedule, why })] : [];
  }
}
