/**
 * Escape hatches (docs/escape-hatches.md): extra env per container and RFC 6902 patches on named output objects, in
 * the spec (`spec.overrides`) and in TS props (`ClusterNetworkChart` / `OverridableChart`). Patched output still
 * validates against the Kubernetes schemas and upstream CRDs; problems name the override's path; nothing is written on
 * error; warnings list what was replaced and patched.
 */
import { App, Testing } from 'cdk8s';
import { ClusterNetworkChart } from '../src/charts/cluster-network-chart';
import { Flannel } from '../src/cni/flannel/flannel';
import { OverridableChart } from '../src/overrides/chart';
import type { OverridesProps } from '../src/overrides/props';
import type { OverridesSpec } from '../src/overrides/spec';
import { SpecValidationError, type SpecIssue } from '../src/spec/issues';
import type { ClusterNetworkSpec } from '../src/spec/schema';
import { validateClusterNetwork } from '../src/spec/validate';
import { synthObjects, synthToDirectory, type KubeObject } from '../src/synth';
import { cli, filesIn, tempDir, writeSpec } from './support/cli';
import { find } from './support/examples';
import { validateObjects } from './support/schema-validation';
import { describeWithReference } from './support/shared';

const network = (cni: Record<string, unknown>, overrides?: OverridesProps): ClusterNetworkSpec => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'ov' },
  spec: { pods: { cidrs: ['10.244.0.0/16'] }, cni: cni as any, ...(overrides ? { overrides: overrides as OverridesSpec } : {}) },
});
const calico = (overrides?: OverridesProps) => network({ type: 'calico' }, overrides);
const cilium = (overrides?: OverridesProps) => network({ type: 'cilium' }, overrides);
const errorsOf = (doc: unknown) => {
  const r = validateClusterNetwork(doc);
  return r.issues.map((i) => `${i.path}: ${i.message}`);
};
const warningsOf = (doc: unknown, rule: string) => validateClusterNetwork(doc).warnings.filter((w) => w.rule === rule);
const container = (objs: KubeObject[], kind: string, name: string, c: string) => {
  const pod = find(objs, kind, name).spec.template.spec;
  return [...pod.containers, ...(pod.initContainers ?? [])].find((x: any) => x.name === c);
};
const envOf = (objs: KubeObject[], c: string) => container(objs, 'DaemonSet', 'calico-node', c).env as { name: string; value?: string; valueFrom?: unknown }[];

// Compile-time: the props and the spec are the same shape (both ways).
type Mutable<T> = T extends readonly (infer E)[] ? Mutable<E>[] : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const propsMatchSpec: Same<Mutable<OverridesProps>, Mutable<OverridesSpec>> = true;

describe('extra env', () => {
  const spec = calico({
    env: [
      {
        object: 'DaemonSet/calico-node',
        container: 'calico-node',
        env: [
          { name: 'FELIX_HEALTHENABLED', value: 'false' },
          { name: 'FELIX_DEBUGMEMORYPROFILEPATH', value: '/tmp/felix.pprof' },
          { name: 'MY_NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        ],
      },
      { object: 'DaemonSet/kube-system/calico-node', container: 'install-cni', env: [{ name: 'EXAMPLE_FLAG', value: 'true' }] },
    ],
  });
  const objs = synthObjects(spec);

  test('the props and spec.overrides are one shape', () => {
    expect(propsMatchSpec).toBe(true);
  });

  test('a new variable is appended; one the CNI sets is replaced in place; valueFrom keeps its shape', () => {
    const env = envOf(objs, 'calico-node');
    const before = envOf(synthObjects(calico()), 'calico-node');
    const i = before.findIndex((e) => e.name === 'FELIX_HEALTHENABLED');
    expect(i).toBeGreaterThanOrEqual(0);
    expect(env[i]).toEqual({ name: 'FELIX_HEALTHENABLED', value: 'false' });
    expect(env.slice(0, i)).toEqual(before.slice(0, i));
    expect(env.slice(-2)).toEqual([
      { name: 'FELIX_DEBUGMEMORYPROFILEPATH', value: '/tmp/felix.pprof' },
      { name: 'MY_NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
    ]);
    expect(env).toHaveLength(before.length + 2);
  });

  test('init containers are addressed by name too', () => {
    expect(envOf(objs, 'install-cni').filter((e) => e.name === 'EXAMPLE_FLAG')).toEqual([{ name: 'EXAMPLE_FLAG', value: 'true' }]);
  });

  test('replacing a variable the CNI sets is a warning that names the old value', () => {
    const w = warningsOf(spec, 'overrides/env-replaced');
    expect(w.map((x) => `${x.path}: ${x.message}`)).toEqual([
      'spec.overrides.env[0].env[0].name: FELIX_HEALTHENABLED replaces the value DaemonSet/kube-system/calico-node sets on container calico-node (was "true") (allowed: a variable the CNI does not set, to keep its value)',
    ]);
  });

  test('an unknown container is an error naming the containers that exist', () => {
    expect(errorsOf(calico({ env: [{ object: 'DaemonSet/calico-node', container: 'felix', env: [{ name: 'A', value: 'b' }] }] }))).toEqual([
      'spec.overrides.env[0].container: "felix" is not a container of DaemonSet/kube-system/calico-node (allowed: calico-node, upgrade-ipam, install-cni, ebpf-bootstrap)',
    ]);
  });

  test('an unknown object is an error naming the objects of that kind', () => {
    const [e] = errorsOf(calico({ env: [{ object: 'DaemonSet/calico', container: 'calico-node', env: [{ name: 'A', value: 'b' }] }] }));
    expect(e).toBe('spec.overrides.env[0].object: DaemonSet/calico is not rendered by this spec (allowed: DaemonSet/kube-system/calico-node)');
  });

  test('an object without containers is an error', () => {
    expect(errorsOf(calico({ env: [{ object: 'ConfigMap/calico-config', container: 'x', env: [{ name: 'A', value: 'b' }] }] }))).toEqual([
      'spec.overrides.env[0].object: ConfigMap/kube-system/calico-config has no containers (allowed: a Pod, or an object with a pod template such as a DaemonSet or Deployment)',
    ]);
  });

  test('Kubernetes EnvVar rules: name, value xor valueFrom, one source', () => {
    const errs = errorsOf(
      calico({
        env: [
          {
            object: 'DaemonSet/calico-node',
            container: 'calico-node',
            env: [
              { name: 'A=B', value: 'x' },
              { name: 'C', value: 'x', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
              { name: 'D', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' }, secretKeyRef: { name: 's', key: 'k' } } },
            ],
          },
        ],
      }),
    );
    expect(errs).toEqual([
      'spec.overrides.env[0].env[0].name: "A=B" is not a valid environment variable name (allowed: printable ASCII characters except =, at least one)',
      'spec.overrides.env[0].env[1].valueFrom: C: valueFrom may not be specified when value is not empty (allowed: value, or valueFrom)',
      'spec.overrides.env[0].env[2].valueFrom: D: valueFrom has 2 sources (allowed: exactly one of fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef, fileKeyRef)',
    ]);
  });

  test('a literal for a secret-looking name is a warning that never shows the value', () => {
    const w = warningsOf(calico({ env: [{ object: 'DaemonSet/calico-node', container: 'calico-node', env: [{ name: 'BGP_PASSWORD', value: 's3cr3t-value' }] }] }), 'overrides/env-secret-literal');
    expect(w).toHaveLength(1);
    expect(JSON.stringify(w)).not.toContain('s3cr3t-value');
  });
});

describe('JSON patches', () => {
  const spec = calico({
    patches: [
      { object: 'ConfigMap/kube-system/calico-config', ops: [{ op: 'add', path: '/data/example', value: 'yes' }] },
      {
        object: 'DaemonSet/calico-node',
        ops: [
          { op: 'test', path: '/spec/updateStrategy/type', value: 'RollingUpdate' },
          { op: 'add', path: '/spec/template/spec/nodeSelector/example.com~1cni', value: 'calico' },
        ],
      },
      { object: 'CustomResourceDefinition/ippools.crd.projectcalico.org', ops: [{ op: 'add', path: '/metadata/annotations/helm.sh~1resource-policy', value: 'keep' }] },
    ],
  });
  const objs = synthObjects(spec);

  test('applied to the rendered objects, CRDs included', () => {
    expect(find(objs, 'ConfigMap', 'calico-config').data.example).toBe('yes');
    expect(find(objs, 'DaemonSet', 'calico-node').spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'example.com/cni': 'calico' });
    expect(find(objs, 'CustomResourceDefinition', 'ippools.crd.projectcalico.org').metadata.annotations).toEqual({
      'controller-gen.kubebuilder.io/version': expect.any(String),
      'helm.sh/resource-policy': 'keep',
    });
  });

  test('nothing else changes', () => {
    const plain = synthObjects(calico());
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(plain.map((o) => `${o.kind}/${o.metadata.name}`));
    const changed = objs.filter((o, i) => JSON.stringify(o) !== JSON.stringify(plain[i])).map((o) => `${o.kind}/${o.metadata.name}`);
    expect(changed).toEqual(['CustomResourceDefinition/ippools.crd.projectcalico.org', 'ConfigMap/calico-config', 'DaemonSet/calico-node']);
  });

  test('a warning per patch lists every changed path (test ops change nothing)', () => {
    expect(warningsOf(spec, 'overrides/patched').map((w) => `${w.path}: ${w.message.split(';')[0]}`)).toEqual([
      'spec.overrides.patches[0]: patched ConfigMap/kube-system/calico-config at add /data/example',
      'spec.overrides.patches[1]: patched DaemonSet/kube-system/calico-node at add /spec/template/spec/nodeSelector/example.com~1cni',
      'spec.overrides.patches[2]: patched CustomResourceDefinition/ippools.crd.projectcalico.org at add /metadata/annotations/helm.sh~1resource-policy',
    ]);
  });

  test('deterministic: two synths are identical', () => {
    expect(JSON.stringify(synthObjects(spec))).toBe(JSON.stringify(objs));
  });

  test('a patch that does not apply is an error at the operation, naming why', () => {
    const errs = errorsOf(
      calico({
        patches: [
          { object: 'ConfigMap/calico-config', ops: [{ op: 'replace', path: '/data/veth_mtu', value: '1400' }] },
          { object: 'ConfigMap/calico-config', ops: [{ op: 'remove', path: '/data/nope' }] },
          { object: 'DaemonSet/calico-node', ops: [{ op: 'add', path: '/spec/nope/x', value: 1 }] },
          { object: 'DaemonSet/calico-node', ops: [{ op: 'test', path: '/spec/updateStrategy/type', value: 'OnDelete' }] },
          { object: 'Deployment/calico-typha', ops: [{ op: 'replace', path: '/spec/replicas', value: 3 }] },
          { object: 'ConfigMap/calico-config', ops: [{ op: 'move', from: '/data/nope', path: '/data/x' }] },
        ],
      }),
    );
    expect(errs).toEqual([
      'spec.overrides.patches[1].ops[0].path: does not apply to ConfigMap/kube-system/calico-config: remove /data/nope: the path does not exist (allowed: a path that exists in the rendered object; see cdk8s-cni synth for its current form)',
      'spec.overrides.patches[2].ops[0].path: does not apply to DaemonSet/kube-system/calico-node: add /spec/nope/x: its parent does not exist (allowed: a path that exists in the rendered object; see cdk8s-cni synth for its current form)',
      'spec.overrides.patches[3].ops[0].path: does not apply to DaemonSet/kube-system/calico-node: test /spec/updateStrategy/type: the value is "RollingUpdate", not "OnDelete" (allowed: a path that exists in the rendered object; see cdk8s-cni synth for its current form)',
      expect.stringMatching(/^spec\.overrides\.patches\[4\]\.object: Deployment\/calico-typha is not rendered by this spec \(allowed: Deployment\/kube-system\/calico-kube-controllers\)$/),
      'spec.overrides.patches[5].ops[0].from: does not apply to ConfigMap/kube-system/calico-config: move from /data/nope: the path does not exist (allowed: a path that exists in the rendered object; see cdk8s-cni synth for its current form)',
    ]);
  });

  test('the failing operation is named by its index in the patch', () => {
    const [e] = errorsOf(calico({ patches: [{ object: 'ConfigMap/calico-config', ops: [{ op: 'replace', path: '/data/veth_mtu', value: '1400' }, { op: 'replace', path: '/data/nope', value: 'x' }] }] }));
    expect(e).toMatch(/^spec\.overrides\.patches\[0\]\.ops\[1\]\.path: does not apply to ConfigMap\/kube-system\/calico-config: replace \/data\/nope: the path does not exist/);
  });

  test('pointer syntax and move-into-itself are refused before rendering', () => {
    expect(
      errorsOf(
        calico({
          patches: [
            {
              object: 'ConfigMap/calico-config',
              ops: [
                { op: 'add', path: 'data/x', value: 'y' },
                { op: 'add', path: '/data/a~2b', value: 'y' },
                { op: 'move', from: '/data', path: '/data/inner' },
              ],
            },
          ],
        }),
      ),
    ).toEqual([
      'spec.overrides.patches[0].ops[0].path: path "data/x" is not a JSON Pointer (allowed: "" or /token/token..., with ~0 for ~ and ~1 for /)',
      'spec.overrides.patches[0].ops[1].path: path "/data/a~2b" is not a JSON Pointer (allowed: "" or /token/token..., with ~0 for ~ and ~1 for /)',
      'spec.overrides.patches[0].ops[2].from: /data is a proper prefix of path /data/inner (allowed: a from that does not contain the path)',
    ]);
  });

  test('a patch that strips an object of its identity is an error', () => {
    expect(errorsOf(calico({ patches: [{ object: 'ConfigMap/calico-config', ops: [{ op: 'remove', path: '/metadata/name' }] }] }))).toEqual([
      'spec.overrides.patches[0]: leaves ConfigMap/kube-system/calico-config without metadata.name (allowed: patches that keep apiVersion, kind and metadata.name)',
    ]);
  });

  test('a bad object reference is refused, and `Kind/name` in two namespaces is ambiguous', () => {
    expect(errorsOf(calico({ patches: [{ object: 'calico-config', ops: [{ op: 'remove', path: '/data/veth_mtu' }] }] }))).toEqual([
      'spec.overrides.patches[0].object: "calico-config" is not an object reference (allowed: Kind/name or Kind/namespace/name, e.g. DaemonSet/kube-system/calico-node)',
    ]);
    const chart = new OverridableChart(Testing.app(), 'c', { overrides: { patches: [{ object: 'ConfigMap/cfg', ops: [{ op: 'remove', path: '/data/a' }] }] } });
    for (const ns of ['a', 'b']) new (require('cdk8s').ApiObject)(chart, ns, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: ns }, data: { a: '1' } });
    expect(() => chart.toJson()).toThrow('overrides.patches[0].object: ConfigMap/cfg matches several objects (allowed: one of ConfigMap/a/cfg, ConfigMap/b/cfg)');
  });
});

describeWithReference('patched output still validates against the schemas', () => {
  test('env and patches on Calico and Cilium: every object validates', () => {
    const calicoObjs = synthObjects(
      calico({
        env: [{ object: 'DaemonSet/calico-node', container: 'calico-node', env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 's', key: 'k', optional: true } } }] }],
        patches: [{ object: 'Deployment/calico-kube-controllers', ops: [{ op: 'add', path: '/spec/template/spec/priorityClassName', value: 'system-cluster-critical' }] }],
      }),
    );
    expect(validateObjects(calicoObjs)).toEqual([]);
    expect(validateObjects(synthObjects(cilium({ patches: [{ object: 'DaemonSet/cilium', ops: [{ op: 'add', path: '/spec/template/spec/nodeSelector/a', value: 'b' }] }] })))).toEqual([]);
  });

  test('a patch that breaks the schema is caught by the schema validation (the library does not check what a patch changes)', () => {
    const objs = synthObjects(calico({ patches: [{ object: 'DaemonSet/calico-node', ops: [{ op: 'add', path: '/spec/template/spec/hostNetwrk', value: true }] }] }));
    expect(validateObjects(objs).join('\n')).toMatch(/DaemonSet.*calico-node.*hostNetwrk/s);
  });
});

describe('nothing is written on error; the CLI reports overrides like any problem', () => {
  const bad = calico({ patches: [{ object: 'ConfigMap/calico-config', ops: [{ op: 'remove', path: '/data/nope' }] }] });

  test('synthToDirectory throws a SpecValidationError and leaves the folder alone', () => {
    const out = tempDir();
    expect(() => synthToDirectory(bad, out)).toThrow(SpecValidationError);
    expect(filesIn(out)).toEqual([]);
  });

  test('cdk8s-cni validate and synth exit 1 with the override path', () => {
    const file = writeSpec(bad);
    const v = cli('validate', file);
    expect(v.code).toBe(1);
    expect(v.stderr).toContain('spec.overrides.patches[0].ops[0].path: does not apply to ConfigMap/kube-system/calico-config');
    const out = tempDir();
    const s = cli('synth', file, '-o', out);
    expect(s.code).toBe(1);
    expect(filesIn(out)).toEqual([]);
  });

  test('cdk8s-cni synth prints the override warnings', () => {
    const file = writeSpec(calico({ patches: [{ object: 'ConfigMap/calico-config', ops: [{ op: 'replace', path: '/data/veth_mtu', value: '1400' }] }] }));
    const s = cli('synth', file, '-o', tempDir());
    expect(s.code).toBe(0);
    expect(s.stderr).toContain('warning: spec.overrides.patches[0]: patched ConfigMap/kube-system/calico-config at replace /data/veth_mtu');
  });
});

describe('TS props', () => {
  test('ClusterNetworkChart `overrides`: applied after spec.overrides, problems at overrides.*', () => {
    const app = new App();
    const chart = new ClusterNetworkChart(app, 'n', {
      spec: calico({ env: [{ object: 'DaemonSet/calico-node', container: 'calico-node', env: [{ name: 'A', value: 'spec' }] }] }),
      overrides: { env: [{ object: 'DaemonSet/calico-node', container: 'calico-node', env: [{ name: 'A', value: 'props' }] }] },
    });
    const objs = chart.toJson() as KubeObject[];
    expect(envOf(objs, 'calico-node').filter((e) => e.name === 'A')).toEqual([{ name: 'A', value: 'props' }]);
    // A was set by an override, not by the CNI: no replaced-variable warning
    expect(chart.overrideWarnings).toEqual([]);
    const broken = new ClusterNetworkChart(new App(), 'n', { spec: calico(), overrides: { patches: [{ object: 'ConfigMap/nope', ops: [{ op: 'remove', path: '/a' }] }] } });
    expect(() => broken.toJson()).toThrow(/^overrides\.patches\[0\]\.object: ConfigMap\/nope is not rendered by this spec/);
  });

  test('synthObjects passes the props warnings to onWarning', () => {
    const found: SpecIssue[] = [];
    synthObjects(calico(), { overrides: { patches: [{ object: 'ConfigMap/calico-config', ops: [{ op: 'replace', path: '/data/veth_mtu', value: '1400' }] }] }, onWarning: (w) => found.push(w) });
    expect(found.map((w) => w.rule)).toEqual(['overrides/patched']);
    expect(found[0].path).toBe('overrides.patches[0]');
  });

  test('OverridableChart gives any construct the same overrides, checked the same way', () => {
    const chart = new OverridableChart(Testing.app(), 'c', {
      overrides: {
        env: [{ object: 'DaemonSet/kube-flannel-ds', container: 'kube-flannel', env: [{ name: 'EVENT_QUEUE_DEPTH', value: '10000' }, { name: 'BAD=', value: 'x' }] }],
      },
    });
    new Flannel(chart, 'flannel', { podCidrs: ['10.244.0.0/16'] } as any);
    expect(() => chart.toJson()).toThrow('overrides.env[0].env[1].name: "BAD=" is not a valid environment variable name');
  });

  test('OverridableChart without overrides renders exactly as a plain chart', () => {
    const a = new OverridableChart(Testing.app(), 'c');
    new Flannel(a, 'flannel', { podCidrs: ['10.244.0.0/16'] } as any);
    const b = new (require('cdk8s').Chart)(Testing.app(), 'c');
    new Flannel(b, 'flannel', { podCidrs: ['10.244.0.0/16'] } as any);
    expect(a.toJson()).toEqual(b.toJson());
  });
});
