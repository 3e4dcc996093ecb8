/**
 * Multus construct vs upstream v4.3.0 (../shared/reference/multus): same objects, images (pinned instead of floating),
 * env, volumes, mounts, RBAC rules, securityContext, tolerations, ConfigMap contents, and the NAD CRD verbatim.
 * Intended differences: images `:snapshot(-thick)` → `:v4.3.0(-thick)`; ConfigMap JSON re-indented (same content).
 */
import { Chart, Testing } from 'cdk8s';
import { Multus } from '../src/cni/multus/multus';
import { readReferenceYaml, describeWithReference } from './support/shared';
import { validateObjects } from './support/schema-validation';

function synth(mode: 'thick' | 'thin'): any[] {
  const chart = new Chart(Testing.app(), 'test');
  new Multus(chart, 'multus', { mode });
  return Testing.synth(chart);
}

const key = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const PINNED: Record<string, string> = {
  'ghcr.io/k8snetworkplumbingwg/multus-cni:snapshot-thick': 'ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0-thick',
  'ghcr.io/k8snetworkplumbingwg/multus-cni:snapshot': 'ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0',
};


for (const [mode, file] of [
  ['thick', 'multus-daemonset-thick.yml'],
  ['thin', 'multus-daemonset.yml'],
] as const) {
  describeWithReference(`Multus ${mode} vs ${file}`, () => {
    const ref = readReferenceYaml('multus', file);
    const ours = synth(mode);
    const refDs = ref.find((o) => o.kind === 'DaemonSet');
    const ourDs = ours.find((o) => o.kind === 'DaemonSet');

    test('same objects (kind, namespace, name)', () => {
      expect(ours.map(key).sort()).toEqual(ref.map(key).sort());
    });

    test('the NetworkAttachmentDefinition CRD is the upstream one', () => {
      expect(ours.find((o) => o.kind === 'CustomResourceDefinition')).toEqual(ref.find((o) => o.kind === 'CustomResourceDefinition'));
    });

    test('RBAC rules are exactly upstream (never broader)', () => {
      expect(ours.find((o) => o.kind === 'ClusterRole').rules).toEqual(ref.find((o) => o.kind === 'ClusterRole').rules);
      expect(ours.find((o) => o.kind === 'ClusterRoleBinding')).toEqual(ref.find((o) => o.kind === 'ClusterRoleBinding'));
      expect(ours.find((o) => o.kind === 'ServiceAccount')).toEqual(ref.find((o) => o.kind === 'ServiceAccount'));
    });

    test('ConfigMap: same metadata and same JSON content', () => {
      const a = ours.find((o) => o.kind === 'ConfigMap');
      const b = ref.find((o) => o.kind === 'ConfigMap');
      expect(a.metadata).toEqual(b.metadata);
      expect(Object.keys(a.data)).toEqual(Object.keys(b.data));
      for (const k of Object.keys(b.data)) expect(JSON.parse(a.data[k])).toEqual(JSON.parse(b.data[k]));
    });

    test('DaemonSet equals upstream except the pinned images', () => {
      const expected = structuredClone(refDs);
      for (const c of [...expected.spec.template.spec.containers, ...expected.spec.template.spec.initContainers]) c.image = PINNED[c.image];
      expect(ourDs).toEqual(expected);
    });

    test('images are pinned to v4.3.0, never floating', () => {
      const images = [...ourDs.spec.template.spec.containers, ...ourDs.spec.template.spec.initContainers].map((c: any) => c.image);
      expect(new Set(images)).toEqual(new Set([mode === 'thick' ? 'ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0-thick' : 'ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0']));
    });

    test('every object validates (Kubernetes schemas)', () => {
      expect(validateObjects(ours)).toEqual([]);
    });
  });
}

test('version and registry overrides apply to every Multus image', () => {
  const chart = new Chart(Testing.app(), 'test');
  new Multus(chart, 'multus', { version: 'v4.2.2', imageRegistry: 'registry.example.com/mirror' });
  const ds = Testing.synth(chart).find((o: any) => o.kind === 'DaemonSet');
  expect(ds.spec.template.spec.containers[0].image).toBe('registry.example.com/mirror/k8snetworkplumbingwg/multus-cni:v4.2.2-thick');
  expect(ds.spec.template.spec.initContainers[0].image).toBe('registry.example.com/mirror/k8snetworkplumbingwg/multus-cni:v4.2.2-thick');
});
