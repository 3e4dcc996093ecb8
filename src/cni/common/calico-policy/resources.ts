/**
 * What the Calico and Canal constructs both add besides their own DaemonSet: the rendered images, the CRDs, the API
 * server endpoint ConfigMap and the FelixConfiguration.
 */
import type { Construct } from 'constructs';
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import type { CustomResourceDefinitions } from '../crd-definition';
import { renderImage } from '../images';
import { syncWaveAnnotations } from '../sync-waves';
import { VERSIONS } from '../versions';
import { calicoCustomResourceDefinitions } from './calico-crds';
import { KUBERNETES_SERVICES_ENDPOINT } from './calico-node';
import type { CalicoResourceOptions } from './custom-resource';
import { FelixConfiguration } from './felix-configuration';
import type { CalicoCommonProps } from './props';

/** Rendered images of a Calico release. */
export interface CalicoImages {
  readonly cni: string;
  readonly node: string;
  readonly kubeControllers: string;
  readonly typha: string;
}

/** The Calico images for the given version override and mirror. */
export function calicoImages(props: CalicoCommonProps): CalicoImages {
  const opts = { imageRegistry: props.imageRegistry, tag: props.version };
  const i = VERSIONS.calico.images;
  return { cni: renderImage(i.cni, opts), node: renderImage(i.node, opts), kubeControllers: renderImage(i.kubeControllers, opts), typha: renderImage(i.typha, opts) };
}

/** CRDs, the FelixConfiguration and the API server endpoint: what Calico and Canal both add besides their workloads. */
export function addCalicoCommonResources(scope: Construct, props: CalicoCommonProps, namespace: string): { crds: CustomResourceDefinitions } {
  const crds = calicoCustomResourceDefinitions(props.crdScope ?? scope, props.argoSyncWaves ?? false);
  if (props.kubernetesServiceEndpoint) {
    new k8s.KubeConfigMap(scope, 'services-endpoint', {
      metadata: { name: KUBERNETES_SERVICES_ENDPOINT, namespace },
      data: { KUBERNETES_SERVICE_HOST: props.kubernetesServiceEndpoint.host, KUBERNETES_SERVICE_PORT: String(props.kubernetesServiceEndpoint.port) },
    });
  }
  return { crds };
}

/** Metadata options for custom resources: the sync wave after the CNI when Argo CD waves are on. */
export function customResourceOptions(props: CalicoCommonProps): CalicoResourceOptions {
  const annotations = syncWaveAnnotations(props.argoSyncWaves ?? false, 'customResource');
  return annotations ? { annotations } : {};
}

/** Adds the `default` FelixConfiguration when props ask for one. */
export function addFelixConfiguration(scope: Construct, props: CalicoCommonProps, crds: CustomResourceDefinitions): void {
  if (!props.felixConfiguration) return;
  const felix = new FelixConfiguration(scope, 'felix-configuration', { spec: props.felixConfiguration, ...customResourceOptions(props) });
  if (!props.crdScope) felix.node.addDependency(crds);
}
