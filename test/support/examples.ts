/** Loads example specs and synthesizes them for tests. */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadSpecFile } from '../../src/spec/load';
import { synthObjects, type KubeObject } from '../../src/synth';

export const EXAMPLES_DIR = resolve(__dirname, '../../examples');

export function exampleFiles(): string[] {
  return readdirSync(EXAMPLES_DIR).filter((f) => f.endsWith('.yaml')).sort();
}

export function loadExample(file: string): any {
  const r = loadSpecFile(join(EXAMPLES_DIR, file));
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.value;
}

export function synthExample(file: string): KubeObject[] {
  return synthObjects(loadExample(file));
}

/** Finds one object by kind and name (throws when absent, so tests fail with a clear message). */
export function find(objs: readonly KubeObject[], kind: string, name: string): any {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${name}; have: ${objs.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return o;
}
