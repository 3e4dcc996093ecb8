/** Turns zod issues into `path: what is wrong (what is allowed)` issues. */
import type { z } from 'zod';
import { issueOf, type PathSegment, type SpecIssue } from './issues';
import { SHAPE_RULES as R } from './rules';

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

/** A value as it appears in a message: strings quoted, lists and objects as (shortened) JSON, never empty. */
function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? `${v.slice(0, 77)}...` : v);
  if (v === undefined) return 'nothing';
  if (v !== null && typeof v === 'object') {
    const json = JSON.stringify(v) ?? String(v);
    return json.length > 80 ? `${json.slice(0, 77)}...` : json;
  }
  return String(v);
}

/** Converts one zod issue; unknown keys become one issue per key, at the key's own path. */
function convert(iss: z.core.$ZodIssue): SpecIssue[] {
  const path = iss.path as PathSegment[];
  const input = (iss as { input?: unknown }).input;
  switch (iss.code) {
    case 'unrecognized_keys': {
      const allowed = iss.message.startsWith('allowed: ') ? iss.message.slice('allowed: '.length) : undefined;
      return iss.keys.map((key) => issueOf(R.unknownField, [...path, key], { allowed }));
    }
    case 'invalid_type':
      if (input === undefined) return [issueOf(R.required, path, { expected: iss.expected })];
      return [issueOf(R.wrongType, path, { expected: iss.expected, got: describe(input) })];
    case 'invalid_value':
      return [issueOf(R.notAllowed, path, { value: show(input), allowed: iss.values.map(show).join(' | ') })];
    case 'invalid_union': {
      const d = iss as { discriminator?: string; options?: unknown[] };
      if (d.options) {
        const got = input && typeof input === 'object' ? (input as Record<string, unknown>)[d.discriminator ?? 'type'] : input;
        const p = d.discriminator && !path.includes(d.discriminator) ? [...path, d.discriminator] : path;
        return [issueOf(R.notAllowed, p, { value: show(got), allowed: d.options.map(show).join(' | ') })];
      }
      return [issueOf(R.invalid, path, { detail: `does not match any allowed form (${iss.message})` })];
    }
    case 'too_small': {
      const what = iss.origin === 'array' ? 'items' : iss.origin === 'string' ? 'characters' : '';
      const bound = `${iss.inclusive ? 'at least' : 'more than'} ${String(iss.minimum)}${what ? ' ' + what : ''}`;
      return [issueOf(R.tooSmall, path, { what: what ? 'too few ' + what : show(input) + ' is too small', bound })];
    }
    case 'too_big': {
      const what = iss.origin === 'array' ? 'items' : iss.origin === 'string' ? 'characters' : '';
      const bound = `${iss.inclusive ? 'at most' : 'less than'} ${String(iss.maximum)}${what ? ' ' + what : ''}`;
      return [issueOf(R.tooBig, path, { what: what ? 'too many ' + what : show(input) + ' is too large', bound })];
    }
    case 'invalid_format':
      return [issueOf(R.invalid, path, { detail: `${show(input)} is not a valid ${iss.format}` })];
    default:
      return [issueOf(R.invalid, path, { detail: iss.message })];
  }
}

export function toSpecIssues(error: z.ZodError): SpecIssue[] {
  return error.issues.flatMap(convert);
}
