/**
 * Reading a ClusterNetwork from YAML. Every input gets issues, never a stack trace: syntax errors, duplicate keys,
 * unresolved or exploding aliases and excessive nesting are reported at `file:line:col`; the file and the document its
 * aliases expand to are bounded by a size limit, so the cost of reading stays proportional to a bounded input.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Document, Node as YamlNode } from 'yaml';
import { issueOf, type SpecIssue } from './issues';
import { INPUT_RULES as R } from './rules';

export type LoadResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly issues: readonly SpecIssue[] };

/** Limits of {@link parseSpecYaml} and {@link loadSpecFile}. */
export interface LoadOptions {
  /**
   * Largest file, and largest document after alias expansion, in bytes. A ClusterNetwork with hundreds of Multus
   * networks is well under 1 MiB.
   * @default 1048576 (1 MiB)
   */
  readonly maxInputBytes?: number;
}

/** The largest spec file accepted unless raised (`--max-input-bytes`, {@link LoadOptions.maxInputBytes}): 1 MiB. */
export const DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;
/** Deepest nesting of lists and mappings accepted (the spec itself needs fewer than 16 levels). */
export const MAX_NESTING_DEPTH = 64;
/** The yaml library's alias expansion budget (its default, 100, refuses a hand-written spec with 101 aliases). */
export const MAX_ALIAS_EXPANSIONS = 10_000;

type Yaml = typeof import('yaml');

/** Parses YAML text. `source` names the file in messages. */
export function parseSpecYaml(text: string, source = 'network.yaml', opts: LoadOptions = {}): LoadResult {
  const limit = opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limit) return fail(issueOf(R.tooLarge, source, { what: 'the file has', bytes, limit }));
  // the yaml package loads here, not when the library is imported (cdk8s writes YAML with its own copy)
  const yaml = require('yaml') as Yaml;
  const lineCounter = new yaml.LineCounter();
  const at = (offset: number) => {
    const pos = lineCounter.linePos(offset);
    return `${source}:${pos.line}:${pos.col}`;
  };
  const deepFlow = flowNestingBeyond(text, MAX_NESTING_DEPTH);
  if (deepFlow !== undefined) return fail(issueOf(R.tooDeep, locate(text, deepFlow, source), { limit: MAX_NESTING_DEPTH }));
  let doc: Document.Parsed;
  try {
    // uniqueKeys is checked below in one pass: the library's own check is quadratic in the keys of a mapping
    doc = yaml.parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  } catch (e) {
    if (e instanceof RangeError) return fail(issueOf(R.tooDeep, source, { limit: MAX_NESTING_DEPTH }));
    throw e;
  }
  if (doc.errors.length > 0) return { ok: false, issues: doc.errors.map((e) => issueOf(R.yamlSyntax, at(e.pos[0]), { detail: e.message.split('\n')[0] })) };
  const structural = checkStructure(yaml, doc, at);
  if (structural.issues.length > 0) return { ok: false, issues: structural.issues };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_EXPANSIONS });
  } catch (e) {
    if (!(e instanceof ReferenceError) || !structural.lastAlias) throw e;
    return fail(issueOf(R.aliasLimit, at(structural.lastAlias.offset), { alias: structural.lastAlias.name, limit: MAX_ALIAS_EXPANSIONS }));
  }
  if (value === null || value === undefined) return fail(issueOf(R.empty, source, {}));
  if (structural.aliases > 0) {
    const expanded = expandedSize(value, limit);
    if (expanded > limit) return fail(issueOf(R.tooLarge, source, { what: 'aliases expand the document to more than', bytes: limit, limit }));
  }
  return { ok: true, value };
}

/** Reads and parses a spec file; a missing, unreadable or oversized file is reported as an issue. */
export function loadSpecFile(path: string, opts: LoadOptions = {}): LoadResult {
  const limit = opts.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > limit) return fail(issueOf(R.tooLarge, path, { what: 'the file has', bytes: size, limit }));
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? issueOf(R.fileNotFound, path, {}) : issueOf(R.unreadable, path, { code: code ?? String(e) }));
  }
  return parseSpecYaml(text, path, opts);
}

function fail(issue: SpecIssue): LoadResult {
  return { ok: false, issues: [issue] };
}

/** `file:line:col` of a character offset, without the yaml library (used before parsing). */
function locate(text: string, offset: number, source: string): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `${source}:${line}:${offset - lineStart + 1}`;
}

/**
 * The offset where flow collections (`[`, `{`) nest deeper than `max`, if they do. The parser recurses per level, so
 * this is checked on the text before parsing; quoted scalars and comments are skipped.
 */
function flowNestingBeyond(text: string, max: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      // skip a quoted scalar ('' escapes in single quotes, \ escapes in double quotes)
      for (i++; i < text.length; i++) {
        if (c === '"' && text[i] === '\\') i++;
        else if (text[i] === c) {
          if (c === "'" && text[i + 1] === "'") i++;
          else break;
        }
      }
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > max) return i;
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}

interface Structure {
  readonly issues: SpecIssue[];
  /** Aliases in the document. */
  aliases: number;
  /** The last alias in document order, where an alias-expansion error is reported. */
  lastAlias?: { readonly name: string; readonly offset: number };
}

/** One pass over the document: duplicate keys, nesting depth, and aliases without an earlier anchor. */
function checkStructure(yaml: Yaml, doc: Document.Parsed, at: (offset: number) => string): Structure {
  const out: Structure = { issues: [], aliases: 0 };
  const anchors = new Set<string>();
  const stack: Array<{ node: unknown; depth: number }> = [{ node: doc.contents, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!yaml.isNode(node)) continue;
    const offset = (node as YamlNode).range?.[0] ?? 0;
    if (node.anchor) anchors.add(node.anchor);
    if (yaml.isAlias(node)) {
      out.aliases++;
      out.lastAlias = { name: node.source, offset };
      if (!anchors.has(node.source)) out.issues.push(issueOf(R.unresolvedAlias, at(offset), { alias: node.source }));
      continue;
    }
    if (!yaml.isCollection(node)) continue;
    if (depth >= MAX_NESTING_DEPTH) {
      out.issues.push(issueOf(R.tooDeep, at(offset), { limit: MAX_NESTING_DEPTH }));
      continue;
    }
    const children: unknown[] = [];
    if (yaml.isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        const key = pair.key;
        if (yaml.isScalar(key)) {
          const k = String(key.value);
          if (seen.has(k)) out.issues.push(issueOf(R.yamlSyntax, at(key.range?.[0] ?? offset), { detail: `Map keys must be unique (${JSON.stringify(k)} appears twice)` }));
          seen.add(k);
        } else {
          children.push(key);
        }
        children.push(pair.value);
      }
    } else {
      children.push(...node.items);
    }
    // reversed, so nodes are visited in document order (anchors before the aliases that follow them)
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], depth: depth + 1 });
  }
  return out;
}

/** Approximate JSON size of `value`, counting shared (aliased) parts each time; stops counting past `limit`. */
function expandedSize(value: unknown, limit: number): number {
  let size = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && size <= limit) {
    const v = stack.pop();
    if (typeof v === 'string') size += v.length + 2;
    else if (Array.isArray(v)) {
      size += 2 + v.length;
      for (const x of v) stack.push(x);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        size += k.length + 4;
        stack.push(x);
      }
      size += 2;
    } else size += 8;
  }
  return size;
}
