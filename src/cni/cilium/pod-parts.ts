/** Pod-spec fragments the Cilium chart repeats across the agent, its init containers, the operator and Envoy. */
import * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { renderPinnedImage, type PinnedImage } from '../common/images';
import { FALLBACK_TO_LOGS_ON_ERROR, fieldRefEnv, valueEnv } from '../common/k8s-helpers';
import { VERSIONS } from '../common/versions';
import type { ResolvedCiliumProps } from './defaults';

/** `app.kubernetes.io/part-of: cilium`, on every object the chart renders. */
export const PART_OF = { 'app.kubernetes.io/part-of': 'cilium' };

/** The chart's `seLinuxOptions` for unprivileged Cilium containers. */
export const SELINUX_SPC: k8s.SeLinuxOptions = { level: 's0', type: 'spc_t' };

/** The chart's `terminationMessagePolicy` on every Cilium container. */
export const FALLBACK_TO_LOGS = FALLBACK_TO_LOGS_ON_ERROR;

/** K8S_NODE_NAME and CILIUM_K8S_NAMESPACE, first in every Cilium container (downward API, with the chart's `apiVersion: v1`). */
export const NODE_AND_NAMESPACE_ENV: k8s.EnvVar[] = [fieldRefEnv('K8S_NODE_NAME', 'spec.nodeName', 'v1'), fieldRefEnv('CILIUM_K8S_NAMESPACE', 'metadata.namespace', 'v1')];

/** KUBERNETES_SERVICE_HOST/PORT when `k8sServiceHost` is set (kube-proxy replacement reaches the API server directly). */
export function k8sServiceEnv(p: ResolvedCiliumProps): k8s.EnvVar[] {
  if (!p.k8sServiceHost) return [];
  return [valueEnv('KUBERNETES_SERVICE_HOST', p.k8sServiceHost), valueEnv('KUBERNETES_SERVICE_PORT', String(p.k8sServicePort ?? 6443))];
}

/** An image from the Cilium versions table; `tagged` images follow `version` (agent, operator, relay). */
export function ciliumImage(p: ResolvedCiliumProps, key: keyof typeof VERSIONS.cilium.images, tagged = false): string {
  const pinned: PinnedImage = VERSIONS.cilium.images[key];
  return renderPinnedImage(pinned, { imageRegistry: p.imageRegistry, tag: tagged ? p.version : undefined });
}

/** A localhost HTTP health probe on the agent's or Envoy's health port. */
export function healthGet(p: ResolvedCiliumProps, port: number | string, headers?: k8s.HttpHeader[]): k8s.HttpGetAction {
  return {
    host: p.ipv4 ? '127.0.0.1' : '::1',
    path: '/healthz',
    port: typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port),
    scheme: 'HTTP',
    ...(headers ? { httpHeaders: headers } : {}),
  };
}

/**
 * A DaemonSet whose pods run with `appArmorProfile: {type: Unconfined}` (the chart's podSecurityContext on Kubernetes
 * >= 1.30). The generated 1.27 `k8s` types have no field for it and their `toJson` drops unknown fields, so the
 * profile is added to the pod securityContext when the object is rendered.
 */
export class AppArmorUnconfinedDaemonSet extends k8s.KubeDaemonSet {
  public override toJson(): any {
    const json = super.toJson();
    const pod = json.spec.template.spec;
    pod.securityContext = { appArmorProfile: { type: 'Unconfined' }, ...pod.securityContext };
    return json;
  }
}

/** An optional Secret as a projected-volume source, its keys renamed to files (`{ 'tls.crt': 'server.crt' }`). */
export function optionalSecretSource(name: string, files?: Record<string, string>): k8s.VolumeProjection {
  return secretSource(name, files, true);
}

/** A Secret as a projected-volume source, its keys renamed to files; `optional` as the chart writes it for that mount. */
export function secretSource(name: string, files?: Record<string, string>, optional = false): k8s.VolumeProjection {
  return { secret: { name, ...(optional ? { optional: true } : {}), ...(files ? { items: Object.entries(files).map(([key, path]) => ({ key, path })) } : {}) } };
}

/** A projected volume of read-only (0400) sources, as the chart mounts TLS material. */
export function projectedVolume(name: string, sources: k8s.VolumeProjection[]): k8s.Volume {
  return { name, projected: { defaultMode: 0o400, sources } };
}
