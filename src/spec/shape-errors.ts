/** Turns zod issues into `path: what is wrong (what is allowed)` issues. */
import type { z } from 'zod';
import { formatPath, type PathSegment, type SpecIssue } from './issues';

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** Converts one zod issue; unknown keys become one issue per key, at the key's own path. */
function convert(iss: z.core.$ZodIssue): SpecIssue[] {
  const path = iss.path as PathSegment[];
  const input = (iss as { input?: unknown }).input;
  switch (iss.code) {
    case 'unrecognized_keys': {
      const allowed = iss.message.startsWith('allowed: ') ? iss.message.slice('allowed: '.length) : undefined;
      return iss.keys.map((key) => ({
        path: formatPath([...path, key]),
        message: `unknown field${allowed ? ` (allowed here: ${allowed})` : ''}`,
      }));
    }
    case 'invalid_type':
      if (input === undefined) return [{ path: formatPath(path), message: `is required (expected ${iss.expected})` }];
      return [{ path: formatPath(path), message: `expected ${iss.expected}, got ${describe(input)}` }];
    case 'invalid_value':
      return [{ path: formatPath(path), message: `${show(input)} is not allowed (allowed: ${iss.values.map(show).join(' | ')})` }];
    case 'invalid_union': {
      const d = iss as { discriminator?: string; options?: unknown[] };
      if (d.options) {
        const got = input && typeof input === 'object' ? (input as Record<string, unknown>)[d.discriminator ?? 'type'] : input;
        const p = d.discriminator && !path.includes(d.discriminator) ? [...path, d.discriminator] : path;
        return [{ path: formatPath(p), message: `${show(got)} is not allowed (allowed: ${d.options.map(show).join(' | ')})` }];
      }
      return [{ path: formatPath(path), message: `does not match any allowed form (${iss.message})` }];
    }
    case 'too_small': {
      const what = iss.origin === 'array' ? 'items' : iss.origin === 'string' ? 'characters' : '';
      const bound = `${iss.inclusive ? 'at least' : 'more than'} ${String(iss.minimum)}${what ? ' ' + what : ''}`;
      return [{ path: formatPath(path), message: `${what ? 'too few ' + what : show(input) + ' is too small'} (allowed: ${bound})` }];
    }
    case 'too_big': {
      const what = iss.origin === 'array' ? 'items' : iss.origin === 'string' ? 'characters' : '';
      const bound = `${iss.inclusive ? 'at most' : 'less than'} ${String(iss.maximum)}${what ? ' ' + what : ''}`;
      return [{ path: formatPath(path), message: `${what ? 'too many ' + what : show(input) + ' is too large'} (allowed: ${bound})` }];
    }
    case 'invalid_format':
      return [{ path: formatPath(path), message: `${show(input)} is not a valid ${iss.format}` }];
    default:
      return [{ path: formatPath(path), message: iss.message }];
  }
}

export function toSpecIssues(error: z.ZodError): SpecIssue[] {
  return error.issues.flatMap(convert);
}
