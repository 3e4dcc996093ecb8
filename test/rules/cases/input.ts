/**
 * Cases of the input rules (src/spec/rules.ts INPUT_RULES): what the YAML loader refuses before the spec is read —
 * files that are missing, unreadable, too large, not YAML, alias tricks, nesting, emptiness.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpecFile, parseSpecYaml, type LoadOptions } from '../../../src/spec/load';
import type { SpecIssue } from '../../../src/spec/issues';
import { specIssues, type RuleCase } from '../support';

const BASE = `apiVersion: cdk8s-cni.dev/v1alpha1
kind: ClusterNetwork
metadata: { name: rules }
spec: { pods: { cidrs: [10.244.0.0/16] }, services: { cidrs: [10.96.0.0/12] }, nodes: { count: 3 }, cni: { type: flannel } }
`;

/** Every issue of YAML `text`: the loader's, or validation's when it loads. */
const yaml = (text: string, opts?: LoadOptions) => (): readonly SpecIssue[] => {
  const r = parseSpecYaml(text, 'network.yaml', opts);
  return r.ok ? specIssues(r.value) : r.issues;
};
const file = (path: () => string) => (): readonly SpecIssue[] => {
  const r = loadSpecFile(path());
  return r.ok ? specIssues(r.value) : r.issues;
};
const dir = () => mkdtempSync(join(tmpdir(), 'cdk8s-cni-input-'));
const written = () => {
  const p = join(dir(), 'network.yaml');
  writeFileSync(p, BASE);
  return p;
};
/** Anchors `a0..a{levels}`, each aliasing the one before `width` times: width^levels expansions. */
const laughs = (levels: number, width: number) =>
  `${BASE}x:\n  a0: &a0 [lol]\n${Array.from({ length: levels }, (_, i) => `  a${i + 1}: &a${i + 1} [${Array(width).fill(`*a${i}`).join(', ')}]`).join('\n')}\n`;
const nested = (depth: number) => `${BASE}x: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;

export const INPUT_CASES: readonly RuleCase[] = [
  { rule: 'input/file-not-found', name: 'a path that does not exist', refuses: file(() => join(dir(), 'missing.yaml')), accepts: file(written) },
  { rule: 'input/unreadable', name: 'a directory given as the spec', refuses: file(dir), accepts: file(written) },
  { rule: 'input/too-large', name: 'a spec over the input limit', refuses: yaml(BASE, { maxInputBytes: 100 }), accepts: yaml(BASE, { maxInputBytes: 1000 }) },
  { rule: 'input/yaml-syntax', name: 'a duplicate key', refuses: yaml(`${BASE}kind: ClusterNetwork\n`), accepts: yaml(BASE) },
  { rule: 'input/unresolved-alias', name: 'an alias with no anchor', refuses: yaml(BASE.replace('name: rules', 'name: *nope')), accepts: yaml(`x: &n rules\n${BASE.replace('name: rules', 'name: *n')}`) },
  { rule: 'input/alias-limit', name: 'a billion laughs', refuses: yaml(laughs(9, 10)), accepts: yaml(laughs(2, 10)) },
  { rule: 'input/too-deep', name: 'lists nested 100 deep', refuses: yaml(nested(100)), accepts: yaml(nested(10)) },
  { rule: 'input/empty', name: 'an empty file', refuses: yaml('# nothing here\n'), accepts: yaml(BASE) },
];
