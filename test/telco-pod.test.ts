/** examples/telco-pod.ts: a Deployment with three secondary interfaces, composed in TypeScript. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTelcoApp } from '../examples/telco-pod';
import { tempDir } from './support/cli';
import { find } from './support/examples';
import { validateObjects } from './support/schema-validation';
import { describeWithReference } from './support/shared';

function objects(): any[] {
  const app = buildTelcoApp(tempDir());
  app.synth(); // runs the attachment checks
  return app.charts.flatMap((c) => c.toJson());
}

test('synthesizes to the snapshot', () => {
  expect(objects()).toMatchSnapshot();
});

test('is deterministic: two synths are byte-identical', () => {
  const [a, b] = [tempDir(), tempDir()];
  buildTelcoApp(a).synth();
  buildTelcoApp(b).synth();
  const files = readdirSync(a).sort();
  expect(files).toEqual(['0000-multus.k8s.yaml', '0001-telco.k8s.yaml']); // Multus (with the CRD) is applied first
  expect(readdirSync(b).sort()).toEqual(files);
  for (const f of files) expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));
});

test('the Deployment pod template carries three attachments, in order', () => {
  const d = find(objects(), 'Deployment', 'upf');
  expect(JSON.parse(d.spec.template.metadata.annotations['k8s.v1.cni.cncf.io/networks'])).toEqual([
    { name: 'mgmt', interface: 'mgmt0', ips: ['10.20.0.10/24'], mac: '02:00:00:14:00:0a' },
    { name: 'storage', interface: 'stor0' },
    { name: 'n3', interface: 'n3' },
  ]);
  expect(d.metadata.annotations?.['k8s.v1.cni.cncf.io/networks']).toBeUndefined();
});

test('the SR-IOV device is requested by the container', () => {
  const c = find(objects(), 'Deployment', 'upf').spec.template.spec.containers[0];
  expect(c.resources.requests['intel.com/sriov_netdevice']).toBe('1');
  expect(c.resources.limits['intel.com/sriov_netdevice']).toBe('1');
});

test('the three NADs live in the telco namespace; Multus in its own chart, CRD included', () => {
  const objs = objects();
  expect(objs.filter((o) => o.kind === 'NetworkAttachmentDefinition').map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual(['telco/mgmt', 'telco/storage', 'telco/n3']);
  expect(find(objs, 'CustomResourceDefinition', 'network-attachment-definitions.k8s.cni.cncf.io').metadata.namespace).toBeUndefined();
  expect(find(objs, 'DaemonSet', 'kube-multus-ds').metadata.namespace).toBe('kube-system');
});

describeWithReference('schema validation', () => {
  test('every object validates (Kubernetes schemas, NAD CRD)', () => {
    expect(validateObjects(objects())).toEqual([]);
  });
});
