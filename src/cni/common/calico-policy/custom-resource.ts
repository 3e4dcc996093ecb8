/** The base of Calico's typed custom resources (crd.projectcalico.org/v1, the API the manifest install serves). */
import { ApiObject, type ApiObjectMetadata } from 'cdk8s';
import type { Construct } from 'constructs';

/** The API group and version of every Calico custom resource built here. */
export const CALICO_CRD_API_VERSION = 'crd.projectcalico.org/v1';

/** Metadata options every Calico custom resource accepts. */
export interface CalicoResourceOptions {
  /** Labels on the resource. @default - none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations on the resource (e.g. an Argo CD sync wave). @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Creates one Calico custom resource; `undefined` fields of `spec` are dropped by cdk8s on synth. */
export function calicoResource(
  scope: Construct,
  id: string,
  kind: string,
  metadata: ApiObjectMetadata,
  opts: CalicoResourceOptions,
  spec: object,
): ApiObject {
  return new ApiObject(scope, id, {
    apiVersion: CALICO_CRD_API_VERSION,
    kind,
    metadata: {
      ...metadata,
      ...(opts.labels ? { labels: { ...opts.labels } } : {}),
      ...(opts.annotations ? { annotations: { ...opts.annotations } } : {}),
    },
    spec,
  });
}

/** A reference to a key of a Secret in Calico's namespace (BGP passwords). */
export interface CalicoSecretKeyRef {
  readonly secretKeyRef: { readonly name: string; readonly key: string };
}
