/** Reading a ClusterNetwork from YAML: syntax errors become issues with line and column, never a stack trace. */
import { readFileSync } from 'node:fs';
import type { SpecIssue } from './issues';

export type LoadResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: readonly SpecIssue[] };

/** Parses YAML text. `source` names the file in messages. */
export function parseSpecYaml(text: string, source = 'network.yaml'): LoadResult {
  // the yaml package loads here, not when the library is imported (cdk8s writes YAML with its own copy)
  const { LineCounter, parseDocument } = require('yaml') as typeof import('yaml');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = lineCounter.linePos(e.pos[0]);
        return { path: `${source}:${pos.line}:${pos.col}`, message: `YAML syntax error: ${e.message.split('\n')[0]}` };
      }),
    };
  }
  const value: unknown = doc.toJS();
  if (value === null || value === undefined) return { ok: false, issues: [{ path: source, message: 'is empty (expected a ClusterNetwork document)' }] };
  return { ok: true, value };
}

/** Reads and parses a spec file; a missing or unreadable file is reported as an issue. */
export function loadSpecFile(path: string): LoadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { ok: false, issues: [{ path, message: code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(e)})` }] };
  }
  return parseSpecYaml(text, path);
}
