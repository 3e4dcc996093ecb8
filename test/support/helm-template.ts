/**
 * Reads facts out of Helm template text without a Helm binary: which ConfigMap keys a template can write (and which it
 * writes unconditionally), which literal names it uses, and the RBAC rules it can grant (every conditional included,
 * so a superset). Used by fidelity tests to check that constructs stay within what the chart renders.
 */
import { parseAllDocuments } from 'yaml';

const OPEN = /\{\{-?\s*(if|with|range)\s/g;
const END = /\{\{-?\s*end\b/g;

/** `data:` keys (two-space indent) of the first ConfigMap in a template; `unconditional` are those outside any if/with/range below the file's outer guard. */
export function templateDataKeys(text: string): { all: Set<string>; unconditional: Set<string> } {
  const all = new Set<string>();
  const unconditional = new Set<string>();
  let depth = 0;
  let inData = false;
  for (const line of text.split('\n')) {
    if (/^data:/.test(line) && all.size === 0) inData = true;
    else if (/^(---|\S)/.test(line) && !line.startsWith('{{')) inData = false;
    const m = /^ {2}([a-z0-9][a-z0-9.-]*):/.exec(line);
    if (inData && m) {
      all.add(m[1]);
      if (depth === 1) unconditional.add(m[1]);
    }
    depth += (line.match(OPEN)?.length ?? 0) - (line.match(END)?.length ?? 0);
  }
  return { all, unconditional };
}

/** Every literal `name: x` / `- name: x` value in a template (containers, volumes, env, ports). */
export function templateNames(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^\s*-?\s*name:\s*"?([A-Za-z0-9_.-]+)"?\s*$/gm)) out.add(m[1]);
  return out;
}

export interface Rule {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
}

/** Rules of every Role/ClusterRole in a template, with all template lines dropped (all conditional rules kept). */
export function templateRules(text: string): Map<string, Rule[]> {
  const plain = text
    .split('\n')
    .filter((l) => !l.includes('{{') && !l.trimStart().startsWith('#'))
    .join('\n');
  const out = new Map<string, Rule[]>();
  for (const d of parseAllDocuments(plain)) {
    const o = d.toJS() as any;
    if (o && (o.kind === 'ClusterRole' || o.kind === 'Role')) out.set(`${o.kind}/${o.metadata.name}`, o.rules ?? []);
  }
  return out;
}

const within = (a: readonly string[] | undefined, b: readonly string[] | undefined) => (a ?? []).every((x) => (b ?? []).includes(x));

/** True when `rule` grants nothing beyond one of `allowed` (same or fewer groups, resources, verbs, names). */
export function ruleCovered(rule: Rule, allowed: readonly Rule[]): boolean {
  return allowed.some(
    (r) => within(rule.apiGroups, r.apiGroups) && within(rule.resources, r.resources) && within(rule.verbs, r.verbs) && (!r.resourceNames || (rule.resourceNames !== undefined && within(rule.resourceNames, r.resourceNames))),
  );
}
