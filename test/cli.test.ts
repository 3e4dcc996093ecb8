/** The `cdk8s-cni` CLI (SPEC.md "CLI") and the cdk8s app entry `src/main.ts`. */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { cli, filesIn, tempDir } from './support/cli';

const ROOT = resolve(__dirname, '..');
const EXAMPLE = join(ROOT, 'examples', 'flannel-vxlan.yaml');

describe('synth', () => {
  test('writes one file per chart and lists it on stdout', () => {
    const out = join(tempDir(), 'dist');
    const r = cli('synth', EXAMPLE, '-o', out);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(filesIn(out)).toEqual(['flannel-vxlan.k8s.yaml']);
    expect(r.stdout.trim()).toBe(join(out, 'flannel-vxlan.k8s.yaml'));
    const docs = parseAllDocuments(readFileSync(join(out, 'flannel-vxlan.k8s.yaml'), 'utf8')).map((d) => d.toJS());
    expect(docs.map((d) => d.kind)).toEqual(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'ServiceAccount', 'ConfigMap', 'DaemonSet']);
  });

  test("replaces this spec's stale manifests from an earlier synth, keeps other files", () => {
    const dir = tempDir();
    const out = join(dir, 'dist');
    cli('synth', EXAMPLE, '-o', out);
    writeFileSync(join(out, '0000-flannel-vxlan-crds.k8s.yaml'), 'stale');
    writeFileSync(join(out, 'other-app.k8s.yaml'), 'keep');
    writeFileSync(join(out, 'README'), 'keep');
    expect(cli('synth', EXAMPLE, '-o', out).code).toBe(0);
    expect(filesIn(out)).toEqual(['README', 'flannel-vxlan.k8s.yaml', 'other-app.k8s.yaml']);
  });

  test('a missing spec file is exit 1 with the path', () => {
    const r = cli('synth', '/nonexistent/network.yaml', '-o', join(tempDir(), 'd'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('/nonexistent/network.yaml: file not found\n');
  });
});

describe('validate', () => {
  test('a valid spec exits 0 and names the CNI', () => {
    const r = cli('validate', EXAMPLE);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('valid (flannel-vxlan, Flannel v0.28.9 (vxlan))');
  });
});

describe('plan', () => {
  const r = cli('plan', EXAMPLE);
  test('exits 0', () => expect(r.code).toBe(0));
  test('prints the IP plan table', () => {
    for (const row of [
      '| Pod range (IPv4) | 10.244.0.0/16 (65,536 addresses) |',
      '| Per-node block (IPv4) | /24 (253 usable addresses) |',
      '| Max nodes (IPv4) | 256 (planned: 3, ceiling 200) |',
      '| Pods per node (kubelet maxPods) | 110 |',
      '| Service range (IPv4) | 10.96.0.0/12 (1,048,576 addresses) |',
      '| Cluster DNS IP | 10.96.0.10 |',
      '| Pod MTU | 1450 |',
    ]) {
      expect(r.stdout).toContain(row);
    }
  });
  test('prints a Mermaid diagram of the ranges', () => {
    expect(r.stdout).toContain('```mermaid\nflowchart TB');
    expect(r.stdout).toContain('subgraph pods0["Pods 10.244.0.0/16"]');
    expect(r.stdout).toContain('dns["DNS 10.96.0.10"]');
  });
});

describe('schema', () => {
  test('prints the JSON Schema, identical to the committed schema/cluster-network.schema.json', () => {
    const r = cli('schema');
    expect(r.code).toBe(0);
    const committed = readFileSync(join(ROOT, 'schema', 'cluster-network.schema.json'), 'utf8');
    // If this fails, run `npm run schema` and commit the result.
    expect(r.stdout).toBe(committed);
    const schema = JSON.parse(r.stdout);
    expect(schema.properties.spec.properties.cni.oneOf.length).toBeGreaterThan(0);
    expect(schema.properties.spec.additionalProperties).toBe(false);
  });
});

describe('usage errors exit 2', () => {
  test.each([[['frobnicate']], [['synth', '--bogus']], [[]], [['validate', 'a.yaml', 'b.yaml']]])('%j', (argv) => {
    expect(cli(...argv).code).toBe(2);
  });
  test('--help exits 0', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('synth');
  });
});

describe('processes', () => {
  test('bin/cdk8s-cni runs as a binary', () => {
    const r = spawnSync(join(ROOT, 'bin', 'cdk8s-cni'), ['validate', EXAMPLE], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const bad = spawnSync(join(ROOT, 'bin', 'cdk8s-cni'), ['validate', '/nonexistent.yaml'], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
  });

  test('src/main.ts (cdk8s app) reads CDK8S_CNI_SPEC and writes CDK8S_OUTDIR', () => {
    const out = join(tempDir(), 'dist');
    execFileSync(process.execPath, [require.resolve('tsx/cli'), 'src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, CDK8S_CNI_SPEC: EXAMPLE, CDK8S_OUTDIR: out },
    });
    expect(filesIn(out)).toEqual(['flannel-vxlan.k8s.yaml']);
  });
});

describe('a validated network is not validated twice', () => {
  const { validateClusterNetwork, resolveClusterNetwork } = require('../src/spec/validate');
  const { loadSpecFile } = require('../src/spec/load');
  const spec = () => (loadSpecFile(EXAMPLE) as any).value;

  test('the resolved network passes through unchanged (same object)', () => {
    const r = validateClusterNetwork(spec());
    expect(r.ok).toBe(true);
    expect(resolveClusterNetwork(r.network)).toBe(r.network);
  });

  test('a network edited after validation is validated again and its problems reported', () => {
    const r = validateClusterNetwork(spec());
    r.network.spec.services.dnsIP = '10.96.0.0';
    expect(() => resolveClusterNetwork(r.network)).toThrow(/spec\.services\.dnsIP: 10\.96\.0\.0 is the network address/);
  });
});
