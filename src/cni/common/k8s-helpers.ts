/** Small builders for the pod-spec fragments every CNI node agent repeats (host paths, downward-API env). */
import type * as k8s from 'cdk8s-plus-27/lib/imports/k8s';
import { linuxNodeAffinity } from './node-agent';

/** A hostPath volume. */
export function hostPathVolume(name: string, path: string, type?: string): k8s.Volume {
  return { name, hostPath: type ? { path, type } : { path } };
}

/** A ConfigMap volume. */
export function configMapVolume(name: string, configMapName: string): k8s.Volume {
  return { name, configMap: { name: configMapName } };
}

/**
 * `env` entry from the downward API (`metadata.name`, `spec.nodeName` …). `apiVersion` is written only when given
 * (some upstream manifests spell out `v1`).
 */
export function fieldRefEnv(name: string, fieldPath: string, apiVersion?: string): k8s.EnvVar {
  return { name, valueFrom: { fieldRef: apiVersion === undefined ? { fieldPath } : { apiVersion, fieldPath } } };
}

/** `terminationMessagePolicy` of containers whose last log lines explain a crash (Cilium, Multus). */
export const FALLBACK_TO_LOGS_ON_ERROR = 'FallbackToLogsOnError';

/** `env` entry with a literal value. */
export function valueEnv(name: string, value: string): k8s.EnvVar {
  return { name, value };
}

/** `env` entry from a ConfigMap key. */
export function configMapKeyEnv(name: string, configMap: string, key: string, optional?: boolean): k8s.EnvVar {
  return { name, valueFrom: { configMapKeyRef: optional === undefined ? { name: configMap, key } : { name: configMap, key, optional } } };
}

/** `env` entry from a Secret key: the only way secret values reach a container. */
export function secretKeyEnv(name: string, secret: string, key: string, optional?: boolean): k8s.EnvVar {
  return { name, valueFrom: { secretKeyRef: optional === undefined ? { name: secret, key } : { name: secret, key, optional } } };
}

/** Node affinity that keeps a DaemonSet on Linux nodes (`nodeAgentPodSpec` in node-agent.ts builds the whole agent pod). */
export const LINUX_NODE_AFFINITY: k8s.Affinity = linuxNodeAffinity();

/** Canonical JSON for CNI config files: 2-space indent, trailing newline (as upstream's ConfigMaps). */
export function cniJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
