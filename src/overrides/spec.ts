/**
 * `spec.overrides`: the escape hatches (docs/escape-hatches.md). Leaf module: schema only. What the spec models is
 * checked; what an override changes is the user's. Env entries use the Kubernetes `EnvVar` shape (core/v1).
 */
import { z } from 'zod';
import { strictObject } from '../spec/zod-helpers';

const OBJECT_REF = 'An output object as `Kind/name` or `Kind/namespace/name`, e.g. `DaemonSet/kube-system/calico-node`.';

const keyRef = (what: string) =>
  strictObject(
    {
      name: z.string().min(1).meta({ description: `Name of the ${what} (in the pod's namespace).` }),
      key: z.string().min(1).meta({ description: `Key inside the ${what}.` }),
      optional: z.boolean().optional().meta({ description: `Whether the ${what} or its key may be missing.` }),
    },
    `A key of a ${what}.`,
  );

export const envVarSourceSchema = strictObject(
  {
    fieldRef: strictObject(
      {
        fieldPath: z.string().min(1).meta({ description: 'e.g. spec.nodeName, status.podIP, metadata.namespace.' }),
        apiVersion: z.string().optional().meta({ description: 'Schema version of fieldPath. Default: v1.' }),
      },
      'A field of the pod (downward API).',
    ).optional(),
    resourceFieldRef: strictObject(
      {
        resource: z.string().min(1).meta({ description: 'e.g. limits.memory, requests.cpu.' }),
        containerName: z.string().optional(),
        divisor: z.union([z.string(), z.number()]).optional(),
      },
      'A resource limit or request of a container.',
    ).optional(),
    configMapKeyRef: keyRef('ConfigMap').optional(),
    secretKeyRef: keyRef('Secret').optional(),
    fileKeyRef: strictObject(
      {
        volumeName: z.string().min(1),
        path: z.string().min(1),
        key: z.string().min(1),
        optional: z.boolean().optional(),
      },
      'A key of an env file in an emptyDir volume (Kubernetes EnvFiles).',
    ).optional(),
  },
  'Where the value comes from: exactly one of the fields (Kubernetes EnvVarSource).',
);

export const envVarSchema = strictObject(
  {
    name: z.string().meta({ description: 'Variable name: printable ASCII except `=`.' }),
    value: z.string().optional().meta({ description: 'A literal value (never a secret: use valueFrom.secretKeyRef).' }),
    valueFrom: envVarSourceSchema.optional(),
  },
  'A Kubernetes EnvVar: name and value or valueFrom.',
);

export const envOverrideSchema = strictObject(
  {
    object: z.string().meta({ description: `${OBJECT_REF} Must have a pod template (DaemonSet, Deployment, Job, ...) or be a Pod.` }),
    container: z.string().min(1).meta({ description: 'A container or init container of the pod template.' }),
    env: z.array(envVarSchema).min(1).meta({ description: 'Variables set on the container; a variable the CNI already sets is replaced (and warned about).' }),
  },
  'Extra environment variables for one container of an output object.',
);

export const jsonPatchOps = ['add', 'remove', 'replace', 'move', 'copy', 'test'] as const;

const pointer = (d: string) => z.string().meta({ description: `${d} A JSON Pointer (RFC 6901), e.g. /spec/template/spec/hostNetwork.` });
const jsonValue = z.unknown().meta({ description: 'Any JSON value.' });

export const jsonPatchOperationSchema = z
  .discriminatedUnion('op', [
    strictObject({ op: z.literal('add'), path: pointer('Where to add.'), value: jsonValue }),
    strictObject({ op: z.literal('remove'), path: pointer('What to remove.') }),
    strictObject({ op: z.literal('replace'), path: pointer('What to replace; must exist.'), value: jsonValue }),
    strictObject({ op: z.literal('move'), from: pointer('What to move.'), path: pointer('Where to.') }),
    strictObject({ op: z.literal('copy'), from: pointer('What to copy.'), path: pointer('Where to.') }),
    strictObject({ op: z.literal('test'), path: pointer('What to compare.'), value: jsonValue }),
  ])
  .meta({ description: 'One RFC 6902 JSON Patch operation.' });

export const objectPatchSchema = strictObject(
  {
    object: z.string().meta({ description: OBJECT_REF }),
    ops: z.array(jsonPatchOperationSchema).min(1).meta({ description: 'RFC 6902 operations, applied in order to the rendered object.' }),
  },
  'A JSON Patch on one output object, applied after every check of this library.',
);

export const overridesSchema = strictObject(
  {
    env: z.array(envOverrideSchema).default([]).meta({ description: 'Extra environment variables per container.' }),
    patches: z.array(objectPatchSchema).default([]).meta({ description: 'JSON patches on named output objects, the last resort: applied to the rendered objects, after all checks.' }),
  },
  'Escape hatches for what the spec does not model (docs/escape-hatches.md): what the spec models is checked; what an override changes is yours.',
);

export type OverridesSpec = z.input<typeof overridesSchema>;
export type ResolvedOverrides = z.output<typeof overridesSchema>;
