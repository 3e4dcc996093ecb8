/** The Pulumi project file: program, config folder and runtime settings the stacks and docs rely on. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { PROJECT } from '../../stacks/config';

const ROOT = resolve(__dirname, '../..');
const project = parse(readFileSync(join(ROOT, 'Pulumi.yaml'), 'utf8'));

test('Pulumi.yaml: project name = config namespace, program in stacks/, stack configs in stacks/config', () => {
  expect(project.name).toBe(PROJECT);
  expect(project.main).toBe('stacks/index.ts');
  expect(existsSync(join(ROOT, project.main))).toBe(true);
  expect(project.stackConfigDir).toBe('stacks/config');
  expect(readdirSync(join(ROOT, project.stackConfigDir)).every((f) => /^Pulumi\.[a-z0-9-]+\.yaml$/.test(f))).toBe(true);
});

test('Pulumi.yaml: Node.js runtime that loads TypeScript through tsx (a dependency), not ts-node', () => {
  expect(project.runtime).toEqual({ name: 'nodejs', options: { typescript: false, nodeargs: '--import tsx' } });
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  expect(pkg.dependencies.tsx ?? pkg.devDependencies.tsx).toBeTruthy();
});

test('every stack config names a cluster and one spec source, and only project or provider keys', () => {
  for (const f of readdirSync(join(ROOT, project.stackConfigDir))) {
    const cfg = parse(readFileSync(join(ROOT, project.stackConfigDir, f), 'utf8')).config as Record<string, unknown>;
    expect([f, typeof cfg[`${PROJECT}:cluster`]]).toEqual([f, 'string']);
    expect([f, (cfg[`${PROJECT}:network`] === undefined) !== (cfg[`${PROJECT}:networkFile`] === undefined)]).toEqual([f, true]);
    for (const k of Object.keys(cfg)) expect([f, k]).toEqual([f, expect.stringMatching(/^(cdk8s-cni|aws|azure-native):/)]);
  }
});
