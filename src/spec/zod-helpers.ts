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

/** A reference to a key in a Kubernetes Secret: the only way secrets enter a spec. */
export const secretKeyRef = (description: string) =>
  strictObject(
    {
      secretName: z.string().min(1).meta({ description: 'Name of the Secret (in the CNI namespace).' }),
      key: z.string().min(1).meta({ description: 'Key inside the Secret.' }),
    },
    description,
  );

/** Fields every `spec.cni` variant has, whatever the type. */
export const cniCommonShape = {
  version: z.string().min(1).optional().meta({ description: 'Override the pinned upstream version (image tags). Default: the version this library release pins.' }),
  imageRegistry: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'Pull every image from this registry/mirror prefix instead of upstream, e.g. registry.example.com/mirror.' }),
};
