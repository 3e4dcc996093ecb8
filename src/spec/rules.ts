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

const YAML_LIB = { upstream: 'eemeli/yaml v2 docs "Options" (maxAliasCount, uniqueKeys) and YAML 1.2 spec §3.2.2.2 (anchors and aliases)' };

/** Rules of reading a spec file: size, YAML syntax, aliases and nesting. Reported at `file:line:col`. */
export const INPUT_RULES = {
  fileNotFound: defineRule({
    id: 'input/file-not-found',
    severity: 'error',
    path: '<file>',
    summary: 'The spec file does not exist.',
    source: { contract: 'SPEC.md "CLI": default spec path ./network.yaml; exit 1 for an invalid spec' },
    message: () => 'file not found',
  }),
  unreadable: defineRule<{ code: string }>({
    id: 'input/unreadable',
    severity: 'error',
    path: '<file>',
    summary: 'The spec file cannot be read (permissions, a directory, an I/O error).',
    source: { contract: 'SPEC.md "CLI": exit 1 for an invalid spec' },
    message: ({ code }) => `cannot read file (${code})`,
  }),
  tooLarge: defineRule<{ bytes: number; limit: number; what: string }>({
    id: 'input/too-large',
    severity: 'error',
    path: '<file>',
    summary:
      'The file, or the document its aliases expand to, is larger than the input limit (1 MiB by default; raise it with --max-input-bytes). Keeps validation and synthesis bounded in time and memory.',
    source: { contract: 'docs/spec.md "Input limits": specs are read whole; the limit bounds the cost of a hostile or generated spec' },
    message: ({ bytes, limit, what }) => `${what} ${bytes} bytes (allowed: at most ${limit}; raise with --max-input-bytes)`,
  }),
  yamlSyntax: defineRule<{ detail: string }>({
    id: 'input/yaml-syntax',
    severity: 'error',
    path: '<file>:<line>:<col>',
    summary: 'The file is not valid YAML (including duplicate keys in one mapping, which YAML 1.2 forbids).',
    source: { upstream: 'YAML 1.2.2 spec §3.2.1.1 (mapping keys are unique) and eemeli/yaml parse errors' },
    message: ({ detail }) => `YAML syntax error: ${detail}`,
  }),
  unresolvedAlias: defineRule<{ alias: string }>({
    id: 'input/unresolved-alias',
    severity: 'error',
    path: '<file>:<line>:<col>',
    summary: 'An alias (`*name`) refers to no anchor (`&name`) set before it.',
    source: YAML_LIB,
    message: ({ alias }) => `YAML alias *${alias} has no anchor &${alias} before it (allowed: aliases of anchors defined earlier in the file)`,
  }),
  aliasLimit: defineRule<{ alias: string; limit: number }>({
    id: 'input/alias-limit',
    severity: 'error',
    path: '<file>:<line>:<col>',
    summary:
      'Aliases expand to more nodes than the limit (a "billion laughs" document). A hand-written spec reusing a value through hundreds of aliases is fine.',
    source: YAML_LIB,
    message: ({ alias, limit }) => `YAML aliases expand too much at *${alias} (allowed: at most ${limit} alias expansions, weighted by the aliases inside each anchor)`,
  }),
  tooDeep: defineRule<{ limit: number }>({
    id: 'input/too-deep',
    severity: 'error',
    path: '<file>:<line>:<col>',
    summary: 'Lists and mappings are nested deeper than any ClusterNetwork needs.',
    source: { contract: 'docs/spec.md "Input limits": no field of the spec is nested deeper than 16 levels; 64 is refused' },
    message: ({ limit }) => `nested deeper than ${limit} levels (allowed: at most ${limit})`,
  }),
  empty: defineRule({
    id: 'input/empty',
    severity: 'error',
    path: '<file>',
    summary: 'The file holds no document.',
    source: { contract: 'SPEC.md: the file holds one ClusterNetwork document' },
    message: () => 'is empty (expected a ClusterNetwork document)',
  }),
};
