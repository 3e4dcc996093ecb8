/**
 * Canonical JSON: object keys sorted (recursively), `undefined` members dropped, no whitespace. Two equal values always
 * give the same bytes, so configs embedded as strings (NetworkAttachmentDefinition `spec.config`) diff cleanly.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** A deep copy of `value` with object keys in sorted order and `undefined` members removed. */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}
