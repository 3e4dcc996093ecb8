/**
 * The escape hatches' rules (docs/escape-hatches.md): what the spec models is checked; what an override changes is the
 * user's. Overrides are checked for their own shape (a Kubernetes EnvVar the API server accepts, an RFC 6902 patch that
 * applies), never for what they do to the CNI.
 */
import { defineRule } from '../rules/rule';

const CONTRACT = 'docs/escape-hatches.md';
const K8S_VALIDATION = 'kubernetes/kubernetes@v1.36.0 pkg/apis/core/validation/validation.go';

/** The rules of the escape hatches (area `overrides`, docs/rules.md). */
export const OVERRIDES_RULES = {
  objectRef: defineRule<{ value: string }>({
    id: 'overrides/object-ref',
    severity: 'error',
    path: 'spec.overrides.{env,patches}[*].object',
    summary: 'An override names one output object as `Kind/name` or `Kind/namespace/name`.',
    source: { contract: `${CONTRACT} "Addressing objects"` },
    message: ({ value }) => `${JSON.stringify(value)} is not an object reference (allowed: Kind/name or Kind/namespace/name, e.g. DaemonSet/kube-system/calico-node)`,
  }),
  unknownObject: defineRule<{ ref: string; existing: string }>({
    id: 'overrides/unknown-object',
    severity: 'error',
    path: 'spec.overrides.{env,patches}[*].object',
    summary: 'An override must name an object the spec renders; the error lists the objects of that kind (or the kinds) that exist.',
    source: { contract: `${CONTRACT} "Addressing objects": an override that matches nothing is a mistake, not a no-op` },
    message: ({ ref, existing }) => `${ref} is not rendered by this spec (allowed: ${existing})`,
  }),
  ambiguousObject: defineRule<{ ref: string; matches: string }>({
    id: 'overrides/ambiguous-object',
    severity: 'error',
    path: 'spec.overrides.{env,patches}[*].object',
    summary: '`Kind/name` must name one object; when the name exists in several namespaces, the namespace is required.',
    source: { contract: `${CONTRACT} "Addressing objects"` },
    message: ({ ref, matches }) => `${ref} matches several objects (allowed: one of ${matches})`,
  }),
  noPodTemplate: defineRule<{ ref: string }>({
    id: 'overrides/env-no-pod-template',
    severity: 'error',
    path: 'spec.overrides.env[*].object',
    summary: 'Extra env goes to an object with containers: a Pod or an object with a pod template (DaemonSet, Deployment, StatefulSet, Job, CronJob, ...).',
    source: { contract: `${CONTRACT} "Extra env"` },
    message: ({ ref }) => `${ref} has no containers (allowed: a Pod, or an object with a pod template such as a DaemonSet or Deployment)`,
  }),
  unknownContainer: defineRule<{ ref: string; container: string; containers: string }>({
    id: 'overrides/env-unknown-container',
    severity: 'error',
    path: 'spec.overrides.env[*].container',
    summary: 'Extra env goes to a container (or init container) the object has; the error lists them.',
    source: { contract: `${CONTRACT} "Extra env"` },
    message: ({ ref, container, containers }) => `${JSON.stringify(container)} is not a container of ${ref} (allowed: ${containers})`,
  }),
  envName: defineRule<{ name: string }>({
    id: 'overrides/env-name',
    severity: 'error',
    path: 'spec.overrides.env[*].env[*].name',
    summary: 'An environment variable name is one or more printable ASCII characters other than `=`.',
    source: { upstream: `${K8S_VALIDATION} (validateEnv, RelaxedEnvironmentVariableValidation); EnvVar.name in the v1.36 API: "May consist of any printable ASCII characters except '='"` },
    message: ({ name }) => `${JSON.stringify(name)} is not a valid environment variable name (allowed: printable ASCII characters except =, at least one)`,
  }),
  valueAndValueFrom: defineRule<{ name: string }>({
    id: 'overrides/env-value-and-value-from',
    severity: 'error',
    path: 'spec.overrides.env[*].env[*].valueFrom',
    summary: 'An environment variable has a literal `value` or a `valueFrom` source, not both.',
    source: { upstream: `${K8S_VALIDATION} (validateEnvVarValueFrom): "may not be specified when \`value\` is not empty"` },
    message: ({ name }) => `${name}: valueFrom may not be specified when value is not empty (allowed: value, or valueFrom)`,
  }),
  valueFromSources: defineRule<{ name: string; count: number }>({
    id: 'overrides/env-value-from-sources',
    severity: 'error',
    path: 'spec.overrides.env[*].env[*].valueFrom',
    summary: '`valueFrom` names exactly one source.',
    source: { upstream: `${K8S_VALIDATION} (validateEnvVarValueFrom): "must specify one of ..." / "may not have more than one field specified at a time"` },
    message: ({ name, count }) => `${name}: valueFrom has ${count} sources (allowed: exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef, fileKeyRef)`,
  }),
  envSetTwice: defineRule<{ name: string; first: string }>({
    id: 'overrides/env-set-twice',
    severity: 'warning',
    path: 'spec.overrides.env[*].env[*].name',
    summary: 'The same variable is set twice for one container; the later entry wins, as in Kubernetes.',
    source: { upstream: 'kubernetes/kubernetes@v1.36.0 pkg/api/pod/warnings.go (warningsForPodSpecAndMeta): "hides previous definition of ..."' },
    message: ({ name, first }) => `${name} is also set at ${first}; this later entry wins (allowed: set each variable once per container)`,
  }),
  secretLiteral: defineRule<{ name: string }>({
    id: 'overrides/env-secret-literal',
    severity: 'warning',
    path: 'spec.overrides.env[*].env[*].value',
    summary: 'A literal value for a variable whose name says it holds a secret (PASSWORD, TOKEN, SECRET, PSK, ...): secrets belong in a Secret.',
    source: { opinion: 'a literal ends up in the rendered manifests and in Git; this library passes secrets only as Secret references, and a name like *_PASSWORD or *_TOKEN almost always means one' },
    message: ({ name }) => `${name} has a literal value and its name suggests a secret (allowed: valueFrom.secretKeyRef to a Secret)`,
  }),
  envReplaced: defineRule<{ name: string; ref: string; container: string; old: string }>({
    id: 'overrides/env-replaced',
    severity: 'warning',
    path: 'spec.overrides.env[*].env[*].name',
    summary: 'An extra variable that the CNI already sets replaces the CNI\'s value; the warning names the old value.',
    source: { contract: `${CONTRACT} "Extra env": the override wins, and you are told what it replaced` },
    message: ({ name, ref, container, old }) => `${name} replaces the value ${ref} sets on container ${container} (was ${old}) (allowed: a variable the CNI does not set, to keep its value)`,
  }),
  pointer: defineRule<{ field: string; value: string }>({
    id: 'overrides/patch-pointer',
    severity: 'error',
    path: 'spec.overrides.patches[*].ops[*].{path,from}',
    summary: 'Patch paths are JSON Pointers: empty, or `/` followed by `/`-separated tokens (`~0` for `~`, `~1` for `/`).',
    source: { upstream: 'RFC 6901 section 3 (JSON Pointer syntax) and section 4 (escaping); RFC 6902 section 4' },
    message: ({ field, value }) => `${field} ${JSON.stringify(value)} is not a JSON Pointer (allowed: "" or /token/token..., with ~0 for ~ and ~1 for /)`,
  }),
  moveIntoItself: defineRule<{ from: string; path: string }>({
    id: 'overrides/patch-move-into-itself',
    severity: 'error',
    path: 'spec.overrides.patches[*].ops[*].from',
    summary: 'A `move` cannot move a value into one of its own children.',
    source: { upstream: 'RFC 6902 section 4.4: "The \'from\' location MUST NOT be a proper prefix of the \'path\' location"' },
    message: ({ from, path }) => `${from} is a proper prefix of path ${path} (allowed: a from that does not contain the path)`,
  }),
  patchFailed: defineRule<{ ref: string; reason: string }>({
    id: 'overrides/patch-failed',
    severity: 'error',
    path: 'spec.overrides.patches[*].ops[*].path',
    summary: 'Every patch operation must apply to the rendered object: its path exists (replace, remove, test, the parent for add), a test op compares equal.',
    source: { upstream: 'RFC 6902 section 5: "If a normative requirement is violated by a JSON Patch document, or if an operation is not successful, evaluation of the JSON Patch document SHOULD terminate and application of the entire patch document SHALL NOT be deemed successful"' },
    message: ({ ref, reason }) => `does not apply to ${ref}: ${reason} (allowed: a path that exists in the rendered object; see cdk8s-cni synth for its current form)`,
  }),
  patchBrokeObject: defineRule<{ ref: string; missing: string }>({
    id: 'overrides/patch-broke-object',
    severity: 'error',
    path: 'spec.overrides.patches[*]',
    summary: 'A patched object is still a Kubernetes object: apiVersion, kind and metadata.name remain strings.',
    source: { upstream: 'kubernetes.io/docs/concepts/overview/working-with-objects/ "Required fields": apiVersion, kind, metadata (name) are required in every object' },
    message: ({ ref, missing }) => `leaves ${ref} without ${missing} (allowed: patches that keep apiVersion, kind and metadata.name)`,
  }),
  patched: defineRule<{ ref: string; paths: string }>({
    id: 'overrides/patched',
    severity: 'warning',
    path: 'spec.overrides.patches[*]',
    summary: 'Every JSON patch is listed with the paths it changed: this library checks what the spec models, not what a patch changes.',
    source: { contract: `${CONTRACT} "JSON patches": what a patch changes is yours` },
    message: ({ ref, paths }) => `patched ${ref} at ${paths}; these changes are not checked by cdk8s-cni (allowed: the same setting in the spec, where it is modelled)`,
  }),
};
