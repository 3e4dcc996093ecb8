/**
 * Validates Cilium custom resources against their CRD in ../shared/reference/cilium/crds, strictly (unknown fields are
 * errors). Cilium's CRDs use Go regular expressions such as `^\PC*$` (no control characters), which JavaScript only
 * understands as `\P{C}` with the `u` flag, so patterns are translated before Ajv compiles them; the generic
 * `schema-validation.ts` cannot compile these CRDs.
 */
import { readFileSync } from 'node:fs';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { referencePath } from './shared';

/** Go `\pX` / `\PX` single-letter Unicode classes → JavaScript `\p{X}` / `\P{X}`. */
export function goPatternToJs(pattern: string): RegExp {
  return new RegExp(pattern.replace(/\\([pP])([A-Z])/g, '\\$1{$2}'), 'u');
}

/**
 * Closes object schemas (`additionalProperties: false`) except the branches of oneOf/anyOf/allOf: in structural CRD
 * schemas those only restate which of the parent's properties are required, so closing them would reject valid input.
 */
function closeObjects(schema: any, branch = false): void {
  if (!schema || typeof schema !== 'object') return;
  if (Array.isArray(schema)) return schema.forEach((s) => closeObjects(s, branch));
  if (!branch && schema.properties && schema.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) schema.additionalProperties = false;
  for (const [k, v] of Object.entries(schema)) closeObjects(v, k === 'oneOf' || k === 'anyOf' || k === 'allOf');
}

/** Problems with `obj` under the CRD in `cilium/crds/<file>` (empty when valid). */
export function validateCiliumResource(obj: any, file: string): string[] {
  const crd = parse(readFileSync(referencePath('cilium', 'crds', file), 'utf8'));
  const version = crd.spec.versions.find((v: any) => `${crd.spec.group}/${v.name}` === obj.apiVersion);
  if (!version || crd.spec.names.kind !== obj.kind) return [`${file} does not define ${obj.apiVersion} ${obj.kind}`];
  const schema = structuredClone(version.schema.openAPIV3Schema);
  closeObjects(schema);
  schema.properties.metadata = { type: 'object' };
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false, code: { regExp: goPatternToJs as any } });
  const validate = ajv.compile(schema);
  if (validate(obj)) return [];
  return (validate.errors ?? []).map((e) => `${obj.kind}/${obj.metadata?.name}${e.instancePath}: ${e.message}`);
}
