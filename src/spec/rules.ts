/** Rules of the spec's shape layer: the schema contract of SPEC.md (fields, types, allowed values). */
import { defineRule } from '../rules/rule';

const SPEC_CONTRACT = { contract: 'SPEC.md (ClusterNetwork v1alpha1: field names, types and allowed values; schema/cluster-network.schema.json)' };

export const SHAPE_RULES = {
  unknownField: defineRule<{ allowed?: string }>({
    id: 'shape/unknown-field',
    severity: 'error',
    path: 'any',
    summary: 'A field the schema does not know is an error at its own path, so a typo is never ignored.',
    source: { contract: 'SPEC.md "Errors": unknown fields are errors at their own path' },
    message: ({ allowed }) => `unknown field${allowed ? ` (allowed here: ${allowed})` : ''}`,
  }),
  required: defineRule<{ expected: string }>({
    id: 'shape/required',
    severity: 'error',
    path: 'any',
    summary: 'A required field is missing.',
    source: SPEC_CONTRACT,
    message: ({ expected }) => `is required (expected ${expected})`,
  }),
  wrongType: defineRule<{ expected: string; got: string }>({
    id: 'shape/wrong-type',
    severity: 'error',
    path: 'any',
    summary: 'A field has a value of the wrong type.',
    source: SPEC_CONTRACT,
    message: ({ expected, got }) => `expected ${expected}, got ${got}`,
  }),
  notAllowed: defineRule<{ value: string; allowed: string }>({
    id: 'shape/not-allowed',
    severity: 'error',
    path: 'any',
    summary: 'A field holds a value outside its allowed set (enums, the `cni.type` discriminator).',
    source: SPEC_CONTRACT,
    message: ({ value, allowed }) => `${value} is not allowed (allowed: ${allowed})`,
  }),
  tooSmall: defineRule<{ what: string; bound: string }>({
    id: 'shape/too-small',
    severity: 'error',
    path: 'any',
    summary: 'A number is below its minimum, or a list or string is shorter than allowed.',
    source: SPEC_CONTRACT,
    message: ({ what, bound }) => `${what} (allowed: ${bound})`,
  }),
  tooBig: defineRule<{ what: string; bound: string }>({
    id: 'shape/too-big',
    severity: 'error',
    path: 'any',
    summary: 'A number is above its maximum, or a list or string is longer than allowed.',
    source: SPEC_CONTRACT,
    message: ({ what, bound }) => `${what} (allowed: ${bound})`,
  }),
  invalid: defineRule<{ detail: string }>({
    id: 'shape/invalid',
    severity: 'error',
    path: 'any',
    summary: 'A value the schema refuses for another reason, e.g. a literal secret where only a Secret reference is allowed (the message says which; it never echoes a secret).',
    source: SPEC_CONTRACT,
    message: ({ detail }) => detail,
  }),
};
