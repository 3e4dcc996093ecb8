/**
 * The escape hatches as TypeScript props: the same shapes as `spec.overrides` (src/overrides/spec.ts), for
 * `ClusterNetworkChart` / `OverridableChart` users. docs/escape-hatches.md explains the rule: what the spec models is
 * checked; what an override changes is yours.
 */
/** A key of a ConfigMap or Secret (Kubernetes `ConfigMapKeySelector` / `SecretKeySelector`). */
export interface KeySelector {
  /** Name of the ConfigMap or Secret, in the pod's namespace. */
  readonly name: string;
  readonly key: string;
  /** @default false */
  readonly optional?: boolean;
}

/** Where a variable's value comes from: exactly one field (Kubernetes `EnvVarSource`). */
export interface EnvVarSource {
  /** A field of the pod, e.g. `{ fieldPath: 'spec.nodeName' }`. */
  readonly fieldRef?: { readonly fieldPath: string; readonly apiVersion?: string };
  /** A resource of a container, e.g. `{ resource: 'limits.memory' }`. */
  readonly resourceFieldRef?: { readonly resource: string; readonly containerName?: string; readonly divisor?: string | number };
  readonly configMapKeyRef?: KeySelector;
  /** The only way to pass a secret. */
  readonly secretKeyRef?: KeySelector;
  readonly fileKeyRef?: { readonly volumeName: string; readonly path: string; readonly key: string; readonly optional?: boolean };
}

/** A Kubernetes `EnvVar`: `value` or `valueFrom`. */
export interface EnvVar {
  /** Printable ASCII except `=`. */
  readonly name: string;
  /** A literal value; never a secret (use `valueFrom.secretKeyRef`). @default '' */
  readonly value?: string;
  readonly valueFrom?: EnvVarSource;
}

/** Extra variables for one container of one output object. */
export interface EnvOverride {
  /** `Kind/name` or `Kind/namespace/name` of a Pod or an object with a pod template, e.g. `DaemonSet/kube-system/calico-node`. */
  readonly object: string;
  /** A container or init container of that pod. */
  readonly container: string;
  /** Set in order; a variable the CNI already sets is replaced in place (a warning names the old value), others are appended. */
  readonly env: readonly EnvVar[];
}

/** One RFC 6902 operation; `path` and `from` are JSON Pointers into the rendered object. */
export type JsonPatchOperation =
  | { readonly op: 'add' | 'replace' | 'test'; readonly path: string; readonly value: unknown }
  | { readonly op: 'remove'; readonly path: string }
  | { readonly op: 'move' | 'copy'; readonly from: string; readonly path: string };

/** A JSON Patch on one output object. */
export interface ObjectPatch {
  /** `Kind/name` or `Kind/namespace/name`, e.g. `ConfigMap/kube-system/calico-config`. */
  readonly object: string;
  /** Applied in order, after every check of this library; an operation that does not apply is an error. */
  readonly ops: readonly JsonPatchOperation[];
}

/** Escape hatches for what the spec does not model. */
export interface OverridesProps {
  /** Extra environment variables per container. @default - none */
  readonly env?: readonly EnvOverride[];
  /** JSON patches on named output objects, applied last. @default - none */
  readonly patches?: readonly ObjectPatch[];
}

