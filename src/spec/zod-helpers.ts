/**
 * Small helpers around zod so every schema in the library reports errors the same way. Leaf module: CNI schema files
 * import it, and it imports nothing from the library.
 */
import { z } from 'zod';

/**
 * A strict object: unknown keys are errors. The error lists the allowed keys, which {@link toSpecIssues} turns into
 * one issue per unknown key at the key's own path.
 */
export function strictObject<T extends z.ZodRawShape>(shape: T, description?: string) {
  const allowed = Object.keys(shape).join(', ');
  const schema = z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `allowed: ${allowed}` : undefined),
  });
  return description ? schema.meta({ description }) : schema;
}

/** A CIDR string. Syntax, family and host bits are checked by the IP plan, which names the canonical form. */
export const cidrString = (description: string) => z.string().meta({ description, examples: ['10.244.0.0/16'] });

/** An IP address string; checked by the IP plan. */
export const ipString = (description: string) => z.string().meta({ description });

/** An integer in [min, max]. */
export const intInRange = (min: number, max: number, description: string) => z.number().int().min(min).max(max).meta({ description });

/**
 * The shapes a Secret reference takes in a spec, named by their fields: Calico's `{secretName, key}`, Weave's
 * `{name, key}` and Cilium's `{name}` (the IPsec Secret's key is fixed by Cilium, `keys`).
 */
const SECRET_REF_SHAPES = {
  'secretName+key': {
    secretName: z.string().min(1).meta({ description: 'Name of the Secret (in the CNI namespace).' }),
    key: z.string().min(1).meta({ description: 'Key inside the Secret.' }),
  },
  'name+key': {
    name: z.string().min(1).meta({ description: 'Name of the Secret (in the CNI namespace).' }),
    key: z.string().min(1).meta({ description: 'Key inside the Secret.' }),
  },
  name: {
    name: z.string().min(1).meta({ description: 'Name of the Secret (in the CNI namespace).' }),
  },
};

/** The fields of a Secret reference: see {@link SecretKeyRefOptions.fields}. */
export type SecretRefFields = keyof typeof SECRET_REF_SHAPES;

/** Options of {@link secretKeyRef}. */
export interface SecretKeyRefOptions<F extends SecretRefFields = 'secretName+key'> {
  /** What the Secret holds, for the error message ("a literal password is not allowed"). @default 'secret' */
  readonly what?: string;
  /** Where the Secret must live, for the error message. @default 'the CNI namespace' */
  readonly namespace?: string;
  /** The fields of the reference: `{secretName, key}`, `{name, key}` or `{name}`. @default 'secretName+key' */
  readonly fields?: F;
}

/**
 * A reference to a Kubernetes Secret (and usually a key in it): the only way secrets enter a spec. Anything that is
 * not an object (a string, number or boolean the user meant as the secret itself, a list, null) is refused with one
 * message that never contains the value, because errors end up in CI logs.
 */
export function secretKeyRef<F extends SecretRefFields = 'secretName+key'>(description: string, opts: SecretKeyRefOptions<F> = {}) {
  const fields = (opts.fields ?? 'secretName+key') as F;
  const shape = SECRET_REF_SHAPES[fields];
  const allowed = `{${Object.keys(shape).join(', ')}}`;
  const target = 'key' in shape ? 'a reference to a key of a Secret' : 'a reference to a Secret';
  return z.preprocess(
    (value, ctx) => {
      if (value === undefined || (value !== null && typeof value === 'object' && !Array.isArray(value))) return value;
      ctx.addIssue({
        code: 'custom',
        input: '(redacted)',
        message: `a literal ${opts.what ?? 'secret'} is not allowed (allowed: ${allowed}, ${target} in ${opts.namespace ?? 'the CNI namespace'})`,
      });
      return z.NEVER;
    },
    strictObject(shape as (typeof SECRET_REF_SHAPES)[F], description),
  );
}

/** Fields every `spec.cni` variant has, whatever the type. */
export const cniCommonShape = {
  version: z.string().min(1).optional().meta({ description: 'Override the pinned upstream version (image tags). Default: the version this library release pins.' }),
  imageRegistry: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Pull every image from this registry/mirror prefix instead of upstream, e.g. registry.example.com/mirror.' }),
};
