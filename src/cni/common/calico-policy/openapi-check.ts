/**
 * A small checker for values against a CRD's structural `openAPIV3Schema`, as the API server applies it on create:
 * types, `x-kubernetes-int-or-string`, enums, (Go RE2) patterns, numeric and size bounds, required fields, closed
 * objects (an unknown field is pruned by the API server, which we report instead) and the `cidr` format. CEL rules
 * (`x-kubernetes-validations`) are not evaluated here; callers check the ones they care about as rules of their own.
 */
import { Cidr } from '../../../plan/cidr';
import type { PathSegment } from '../../../spec/issues';

/** The parts of an OpenAPI v3 schema (as CRDs use it) this checker reads. */
export interface OpenApiSchema {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, OpenApiSchema>>;
  readonly additionalProperties?: OpenApiSchema | boolean;
  readonly items?: OpenApiSchema;
  readonly anyOf?: readonly OpenApiSchema[];
  readonly allOf?: readonly OpenApiSchema[];
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
}

/** One thing the schema refuses: where (relative to the checked value) and what. */
export interface SchemaProblem {
  readonly path: readonly PathSegment[];
  /** What is wrong and, in parentheses, what is allowed. */
  readonly detail: string;
}

/** A Go (RE2) pattern as a JavaScript RegExp; RE2's leading `(?i)` becomes the `i` flag. */
export function goPattern(pattern: string): RegExp {
  const inline = /^(\^?)\(\?i\)/.exec(pattern);
  return inline ? new RegExp(inline[1] + pattern.slice(inline[0].length), 'i') : new RegExp(pattern);
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(type: string, v: unknown): boolean {
  const t = typeOf(v);
  return t === type || (type === 'number' && t === 'integer');
}

const show = (v: unknown) => JSON.stringify(v);

/** Every problem `schema` finds in `value` (empty when the API server would store it as given). */
export function checkAgainstSchema(value: unknown, schema: OpenApiSchema, path: readonly PathSegment[] = []): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  check(value, schema, path, out);
  return out;
}

function check(v: unknown, s: OpenApiSchema, path: readonly PathSegment[], out: SchemaProblem[]): void {
  const add = (detail: string): void => void out.push({ path, detail });
  if (s['x-kubernetes-int-or-string']) {
    if (typeof v !== 'string' && typeOf(v) !== 'integer') return add(`is ${typeOf(v)} ${show(v)} (allowed: an integer or a string)`);
  } else if (s.type && !typeMatches(s.type, v)) {
    return add(`is ${typeOf(v)} ${show(v)} (allowed: ${s.type})`);
  }
  for (const branch of s.allOf ?? []) check(v, branch, path, out);
  if (s.anyOf && !s.anyOf.some((b) => checkAgainstSchema(v, b, path).length === 0)) add(`${show(v)} matches none of the allowed forms`);
  if (s.enum && !s.enum.includes(v)) add(`${show(v)} is not allowed (allowed: ${s.enum.map(show).join(' | ')})`);
  if (typeof v === 'string') checkString(v, s, add);
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) add(`${v} is below the minimum (allowed: at least ${s.minimum})`);
    if (s.maximum !== undefined && v > s.maximum) add(`${v} is above the maximum (allowed: at most ${s.maximum})`);
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) add(`has ${v.length} items (allowed: at least ${s.minItems})`);
    if (s.maxItems !== undefined && v.length > s.maxItems) add(`has ${v.length} items (allowed: at most ${s.maxItems})`);
    if (s.items) v.forEach((item, i) => check(item, s.items as OpenApiSchema, [...path, i], out));
  }
  if (typeOf(v) === 'object') checkObject(v as Record<string, unknown>, s, path, out);
}

function checkString(v: string, s: OpenApiSchema, add: (detail: string) => void): void {
  if (s.minLength !== undefined && v.length < s.minLength) add(`${show(v)} is shorter than ${s.minLength} characters`);
  if (s.maxLength !== undefined && v.length > s.maxLength) add(`${show(v)} is longer than ${s.maxLength} characters (allowed: at most ${s.maxLength})`);
  if (s.pattern && !goPattern(s.pattern).test(v)) add(`${show(v)} does not match the pattern ${s.pattern}`);
  if (s.format === 'cidr' && typeof Cidr.parse(v) === 'string') add(`${show(v)} is not a CIDR (allowed: address/prefix, e.g. 10.0.0.0/8)`);
}

function checkObject(v: Record<string, unknown>, s: OpenApiSchema, path: readonly PathSegment[], out: SchemaProblem[]): void {
  const keys = Object.keys(v);
  if (s.minProperties !== undefined && keys.length < s.minProperties) out.push({ path, detail: `has ${keys.length} fields (allowed: at least ${s.minProperties})` });
  if (s.maxProperties !== undefined && keys.length > s.maxProperties) out.push({ path, detail: `has ${keys.length} fields (allowed: at most ${s.maxProperties})` });
  for (const r of s.required ?? []) if (!(r in v)) out.push({ path: [...path, r], detail: 'is required' });
  const props = s.properties ?? {};
  const open = s['x-kubernetes-preserve-unknown-fields'] === true;
  for (const k of keys) {
    if (props[k]) check(v[k], props[k], [...path, k], out);
    else if (typeof s.additionalProperties === 'object') check(v[k], s.additionalProperties, [...path, k], out);
    else if (!open && s.additionalProperties !== true && (s.properties || s.additionalProperties === false)) {
      const names = Object.keys(props);
      const allowed = names.length <= 12 ? names.join(', ') : `one of the ${names.length} fields the upstream schema defines`;
      out.push({ path: [...path, k], detail: `is not a field of the upstream schema (allowed: ${allowed})` });
    }
  }
}
