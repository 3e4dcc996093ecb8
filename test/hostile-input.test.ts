/**
 * Hostile, huge and odd input (issue 17): every input gets exit 0, 1 or 2 with `path: message` or
 * `file:line:col: message` lines, never a stack trace; labels are checked like the API server checks them; CLI
 * conveniences CI needs (--version, validate --format json, synth --prune, --max-input-bytes).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { synthObjects } from '../src/synth';
import { cli, filesIn, tempDir, writeSpec } from './support/cli';
import { loadExample } from './support/examples';

const BASE = `apiVersion: cdk8s-cni.dev/v1alpha1
kind: ClusterNetwork
metadata:
  name: demo
spec:
  pods: { cidrs: [10.244.0.0/16] }
  services: { cidrs: [10.96.0.0/12] }
  cni: { type: flannel }
`;
const withLabels = (labels: Record<string, string>) => ({ ...parse(BASE), metadata: { name: 'demo', labels } });
const validate = (text: string, ...flags: string[]) => cli('validate', writeSpec(text), ...flags);
/** stderr lines, each `path: message` or `file:line:col: message` (never a stack trace). */
const labelsOf = (o: { metadata: object }) => (o.metadata as { labels?: Record<string, string> }).labels ?? {};
const lines = (stderr: string) => stderr.split('\n').filter((l) => l !== '');

describe('YAML aliases', () => {
  test('101 aliases of one scalar (a plausible hand-written spec) are fine', () => {
    const aliases = Array.from({ length: 101 }, (_, i) => `    l${i}: *v`).join('\n');
    const r = validate(`${BASE.replace('  name: demo\n', '  name: demo\n  labels:\n    anchor: &v shared\n')}${''}`.replace('  labels:\n    anchor: &v shared\n', `  labels:\n    anchor: &v shared\n${aliases}\n`));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  test('a billion laughs is refused at the alias that exceeds the budget, with its position', () => {
    const laughs = ['x:', '  a0: &a0 [lol]', ...Array.from({ length: 9 }, (_, i) => `  a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`)].join('\n');
    const r = validate(`${BASE}${laughs}\n`);
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/network\.yaml:\d+:\d+: YAML aliases expand too much at \*a\d \(allowed: at most 10000 alias expansions/)]);
  });

  test('a 100 KB string aliased 1,000 times is refused as too large once expanded', () => {
    const r = validate(`${BASE}big: &b ${'x'.repeat(100_000)}\nrefs: [${Array(1000).fill('*b').join(', ')}]\n`);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/network\.yaml: aliases expand the document to more than 1048576 bytes/);
  });

  test('an alias with no anchor is a YAML error with its position', () => {
    const r = validate(BASE.replace('name: demo', 'name: *nope'));
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([expect.stringMatching(/network\.yaml:4:9: YAML alias \*nope has no anchor &nope before it/)]);
  });
});

describe('size and nesting', () => {
  test('a file over the input limit is refused with the limit and the flag that raises it; the flag raises it', () => {
    const spec = writeSpec(`${BASE}# ${'x'.repeat(2000)}\n`);
    const small = cli('validate', spec, '--max-input-bytes', '1000');
    expect(small.code).toBe(1);
    expect(small.stderr).toMatch(/the file has \d+ bytes \(allowed: at most 1000; raise with --max-input-bytes\)/);
    expect(cli('validate', spec, '--max-input-bytes', '100000').code).toBe(0);
    expect(cli('validate', spec, '--max-input-bytes', 'lots').code).toBe(2);
  });

  test('very deep nesting is a clear limit, not "Maximum call stack size exceeded"', () => {
    for (const deep of [`${BASE}x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, `${BASE}${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')} 1\n`]) {
      const r = validate(deep);
      expect(r.code).toBe(1);
      expect(r.stderr).not.toMatch(/call stack|at .*\.js:\d+/);
      expect(r.stderr).toMatch(/nested deeper than 64 levels/);
    }
  });

  test('a wrong type shows the value it got (spec.cni.type: [])', () => {
    const r = validate(BASE.replace('type: flannel', 'type: []'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^spec\.cni\.type: \[\] is not allowed/m);
  });

  test('an empty file, a directory and a missing file are one line each', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'empty.yaml'), '');
    for (const [path, text] of [[join(dir, 'empty.yaml'), 'is empty'], [dir, 'cannot read file'], [join(dir, 'missing.yaml'), 'file not found']]) {
      const r = cli('validate', path);
      expect(r.code).toBe(1);
      expect(lines(r.stderr)).toEqual([`${path}: ${text}${text === 'cannot read file' ? ' (EISDIR)' : text === 'is empty' ? ' (expected a ClusterNetwork document)' : ''}`]);
    }
  });
});

describe('metadata.labels', () => {
  test('keys and values the API server refuses are errors at their path', () => {
    const r = cli('validate', writeSpec(withLabels({ 'team name': 'net', ok: 'v'.repeat(64), 'example.com/fine': 'yes' })));
    expect(r.code).toBe(1);
    expect(lines(r.stderr)).toEqual([
      expect.stringMatching(/^metadata\.labels\.team name: "team name" is not a valid label key/),
      expect.stringMatching(/^metadata\.labels\.ok: is not a valid label value: too long, 64 characters/),
    ]);
  });

  test('a reserved prefix is a warning; the spec stays valid', () => {
    const r = cli('validate', writeSpec(withLabels({ 'kubernetes.io/team': 'net' })));
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: metadata\.labels\.kubernetes\.io\/team: the prefix kubernetes\.io\/ is reserved/m);
  });

  test("a user label the CNI's own label replaces is named by synth; the CNI's value wins, other labels reach every object", () => {
    const dir = tempDir();
    const r = cli('synth', writeSpec(withLabels({ app: 'mine', team: 'net' })), '-o', dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^warning: metadata\.labels\.app: "mine" is replaced by the CNI's own value "flannel" on .*DaemonSet\/kube-flannel-ds/m);
    const objs = synthObjects(withLabels({ app: 'mine', team: 'net' }));
    for (const o of objs) expect(labelsOf(o).team).toBe('net');
    expect(labelsOf(objs.find((o) => o.kind === 'DaemonSet')!).app).toBe('flannel');
  });

  test('10,000 labels synthesize in linear time (each object carries them all)', () => {
    const labels = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`l${i}`, 'v']));
    const objs = synthObjects(withLabels(labels));
    for (const o of objs) expect(Object.keys(labelsOf(o)).length).toBeGreaterThanOrEqual(10_000);
  });
});

describe('CLI conveniences', () => {
  test('--version prints the package version', () => {
    const r = cli('--version');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(require('../package.json').version);
  });

  test('validate --format json reports the same issues as data, exit 1 when invalid', () => {
    const bad = cli('validate', writeSpec(withLabels({ 'kubernetes.io/x': 'y', 'bad key': 'v' })), '--format', 'json');
    expect(bad.code).toBe(1);
    const report = JSON.parse(bad.stdout);
    expect(report).toMatchObject({ valid: false });
    expect(report.errors).toEqual([expect.objectContaining({ path: 'metadata.labels.bad key', rule: 'metadata/label-key', severity: 'error' })]);
    expect(report.warnings).toEqual([expect.objectContaining({ path: 'metadata.labels.kubernetes.io/x', rule: 'metadata/label-reserved-prefix', severity: 'warning' })]);
    const ok = cli('validate', writeSpec(BASE), '--format', 'json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, errors: [], warnings: [] });
  });

  test('synth --prune removes the manifests of an earlier spec name; without it they stay; other files are never touched', () => {
    const out = tempDir();
    writeFileSync(join(out, 'README.md'), 'mine');
    expect(cli('synth', writeSpec(BASE), '-o', out).code).toBe(0);
    const renamed = writeSpec(BASE.replace('name: demo', 'name: demo2'));
    expect(cli('synth', renamed, '-o', out).code).toBe(0);
    expect(filesIn(out)).toEqual(['README.md', 'demo.k8s.yaml', 'demo2.k8s.yaml']);
    expect(cli('synth', renamed, '-o', out, '--prune').code).toBe(0);
    expect(filesIn(out)).toEqual(['README.md', 'demo2.k8s.yaml']);
  });

  test('kubeadm-config exits 1 (not 2) when kubeadm refuses the spec', () => {
    const doc = loadExample('flannel-vxlan.yaml');
    doc.spec.services = { cidrs: ['10.96.0.0/29'], dnsIP: '10.96.0.2' }; // kubeadm wants at least 10 service addresses
    const r = cli('kubeadm-config', writeSpec(doc));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^spec\.services\.cidrs/m);
  });
});

test('a reader that closes the pipe early (schema | head -c 1) gets no stack trace and exit 0', () => {
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const r = spawnSync('bash', ['-c', 'set -o pipefail; node bin/cdk8s-cni schema | head -c 1 >/dev/null'], { cwd: join(__dirname, '..'), encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
