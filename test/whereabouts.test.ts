/**
 * whereabouts installed for Multus networks with whereabouts IPAM: what the construct produces (explicitly, beyond
 * the fidelity test), when the ClusterNetworkChart adds it, the spec field `spec.multus.whereabouts`, and the
 * reconciler schedule check.
 */
import { Chart, Testing } from 'cdk8s';
import { Whereabouts } from '../src/cni/multus/whereabouts/whereabouts';
import { cronExpressionProblem } from '../src/cni/multus/whereabouts/cron';
import { synthObjects } from '../src/synth';
import { validateClusterNetwork } from '../src/spec/validate';
import { ClusterNetworkChart } from '../src/charts/cluster-network-chart';
import { validateObjects } from './support/schema-validation';
import { synthError } from './support/synth-error';
import { readFileSync } from 'node:fs';
import { describeWithReference, referencePath } from './support/shared';

const IMAGE = 'ghcr.io/k8snetworkplumbingwg/whereabouts:v0.9.4';
const DP = { name: 'dp', namespace: 'telco', plugin: { type: 'sriov', resourceName: 'intel.com/sriov_a' }, ipam: { type: 'whereabouts', range: '10.30.0.0/24' } };
const STORAGE = { name: 'storage', plugin: { type: 'macvlan', master: 'eth1' }, ipam: { type: 'host-local', subnet: '192.168.10.0/24' } };

const spec = (multus: Record<string, unknown>): any => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'wab' },
  spec: { pods: { cidrs: ['10.244.0.0/16'] }, services: { cidrs: ['10.96.0.0/12'] }, nodes: { count: 3 }, cni: { type: 'flannel' }, multus },
});
const names = (objs: any[]) => objs.filter((o) => JSON.stringify(o.metadata).includes('whereabouts') || o.spec?.group === 'whereabouts.cni.cncf.io').map((o) => `${o.kind}/${o.metadata.name}`);
/** The default install, in apply order. */
const INSTALL = [
  'CustomResourceDefinition/ippools.whereabouts.cni.cncf.io',
  'CustomResourceDefinition/overlappingrangeipreservations.whereabouts.cni.cncf.io',
  'ServiceAccount/whereabouts',
  'ClusterRole/whereabouts-cni',
  'ClusterRoleBinding/whereabouts',
  'ConfigMap/whereabouts-config',
  'DaemonSet/whereabouts',
  'Deployment/whereabouts-reconciler',
];
const find = (objs: any[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);

describe('the Whereabouts construct', () => {
  const chart = new Chart(Testing.app(), 'test');
  new Whereabouts(chart, 'whereabouts');
  const objs = Testing.synth(chart);

  test('objects: CRDs, ServiceAccount, ClusterRole whereabouts-cni bound as whereabouts, ConfigMap, DaemonSet, reconciler', () => {
    expect(objs.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(INSTALL);
    expect(find(objs, 'ClusterRoleBinding', 'whereabouts')).toMatchObject({
      roleRef: { kind: 'ClusterRole', name: 'whereabouts-cni' },
      subjects: [{ kind: 'ServiceAccount', name: 'whereabouts', namespace: 'kube-system' }],
    });
  });

  test('RBAC: whereabouts CRs read-write, leases, read pods/nodes/NADs, events; nothing else', () => {
    expect(find(objs, 'ClusterRole', 'whereabouts-cni').rules).toEqual([
      { apiGroups: ['whereabouts.cni.cncf.io'], resources: ['ippools', 'overlappingrangeipreservations', 'nodeslicepools'], verbs: ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'] },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['*'] },
      { apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch', 'get'] },
      { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['k8s.cni.cncf.io'], resources: ['network-attachment-definitions'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update', 'get'] },
    ]);
  });

  test('DaemonSet: host network, privileged, every NoSchedule taint, installs the CNI and runs ip-control-loop with NODENAME and the namespace', () => {
    const pod = find(objs, 'DaemonSet', 'whereabouts').spec.template.spec;
    expect(pod.hostNetwork).toBe(true);
    expect(pod.tolerations).toEqual([{ operator: 'Exists', effect: 'NoSchedule' }]);
    const c = pod.containers[0];
    expect(c.image).toBe(IMAGE);
    expect(c.securityContext).toEqual({ privileged: true });
    expect(c.args[1]).toMatch(/source \/install-cni\.sh\n\/token-watcher\.sh &\n\/ip-control-loop -log-level debug/);
    expect(c.env).toEqual([
      { name: 'NODENAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
      { name: 'WHEREABOUTS_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
    ]);
    expect(c.volumeMounts.map((m: any) => m.mountPath)).toEqual(['/host/opt/cni/bin', '/host/etc/cni/net.d']);
  });

  test('reconciler: one replica (no leader election), /ip-reconciler reading the schedule file from the ConfigMap', () => {
    const d = find(objs, 'Deployment', 'whereabouts-reconciler');
    expect(d.spec.replicas).toBe(1);
    const pod = d.spec.template.spec;
    expect(pod.containers[0]).toMatchObject({ image: IMAGE, command: ['/ip-reconciler'], args: ['-log-level', 'debug'], volumeMounts: [{ name: 'cron-scheduler-configmap', mountPath: '/cron-schedule' }] });
    expect(pod.volumes).toEqual([{ name: 'cron-scheduler-configmap', configMap: { name: 'whereabouts-config', defaultMode: 0o744, items: [{ key: 'cron-expression', path: 'config' }] } }]);
    expect(find(objs, 'ConfigMap', 'whereabouts-config').data).toEqual({ 'cron-expression': '30 4 * * *' });
  });

  test('namespace, schedule, version and registry overrides', () => {
    const c = new Chart(Testing.app(), 'test');
    new Whereabouts(c, 'w', { namespace: 'net', reconcilerCronExpression: '0 */6 * * *', version: 'v0.9.3', imageRegistry: 'registry.example.com/mirror/' });
    const o = Testing.synth(c);
    expect(find(o, 'ConfigMap', 'whereabouts-config')).toMatchObject({ metadata: { namespace: 'net' }, data: { 'cron-expression': '0 */6 * * *' } });
    expect(find(o, 'ClusterRoleBinding', 'whereabouts').subjects[0].namespace).toBe('net');
    const images = o.flatMap((x: any) => x.spec?.template?.spec?.containers ?? []).map((x: any) => x.image);
    expect(new Set(images)).toEqual(new Set(['registry.example.com/mirror/k8snetworkplumbingwg/whereabouts:v0.9.3']));
  });

  test('an invalid schedule fails synth with the rule', () => {
    const app = Testing.app();
    new Whereabouts(new Chart(app, 'test'), 'w', { reconcilerCronExpression: '30 4 * *' });
    expect(synthError(app)).toContain('Whereabouts.reconcilerCronExpression: "30 4 * *" is not a cron schedule: expected exactly 5 fields');
  });
});

describe('ClusterNetworkChart adds whereabouts for whereabouts networks', () => {
  test('a whereabouts network: the full install, CRDs in the CRD chart (applied first), all objects valid', () => {
    const app = Testing.app();
    const chart = new ClusterNetworkChart(app, 'net', { spec: spec({ networks: [STORAGE, DP] }) });
    const crdKinds = chart.crds!.toJson().map((o: any) => o.metadata.name);
    expect(crdKinds).toEqual(expect.arrayContaining(['ippools.whereabouts.cni.cncf.io', 'overlappingrangeipreservations.whereabouts.cni.cncf.io']));
    expect(crdKinds).not.toContain('nodeslicepools.whereabouts.cni.cncf.io');
    const objs = synthObjects(spec({ networks: [STORAGE, DP] }));
    expect(names(objs)).toEqual(INSTALL);
    expect(validateObjects(objs)).toEqual([]);
  });

  test('no whereabouts network, or whereabouts.install false: nothing of whereabouts', () => {
    expect(names(synthObjects(spec({ networks: [STORAGE] })))).toEqual([]);
    expect(names(synthObjects(spec({ networks: [DP], whereabouts: { install: false } })))).toEqual([]);
  });

  test('node_slice_size on a network adds the NodeSlicePool CRD and the node-slice controller', () => {
    const objs = synthObjects(spec({ networks: [{ ...DP, ipam: { ...DP.ipam, range: '10.30.0.0/20', node_slice_size: '/26' } }] }));
    expect(names(objs)).toEqual(expect.arrayContaining(['CustomResourceDefinition/nodeslicepools.whereabouts.cni.cncf.io', 'Deployment/whereabouts-controller']));
    expect(JSON.parse(find(objs, 'NetworkAttachmentDefinition', 'dp').spec.config).ipam).toEqual({ type: 'whereabouts', range: '10.30.0.0/20', node_slice_size: '/26' });
    expect(validateObjects(objs)).toEqual([]);
  });

  test('spec fields: schedule, version, registry (falls back to spec.multus.imageRegistry)', () => {
    const objs = synthObjects(spec({ networks: [DP], imageRegistry: 'mirror.example.com', whereabouts: { version: 'v0.9.3', reconciler_cron_expression: '@daily' } }));
    expect(find(objs, 'ConfigMap', 'whereabouts-config').data['cron-expression']).toBe('@daily');
    expect(find(objs, 'DaemonSet', 'whereabouts').spec.template.spec.containers[0].image).toBe('mirror.example.com/k8snetworkplumbingwg/whereabouts:v0.9.3');
    const own = synthObjects(spec({ networks: [DP], imageRegistry: 'mirror.example.com', whereabouts: { imageRegistry: 'own.example.com' } }));
    expect(find(own, 'Deployment', 'whereabouts-reconciler').spec.template.spec.containers[0].image).toBe('own.example.com/k8snetworkplumbingwg/whereabouts:v0.9.4');
  });

  test('Argo CD sync waves: whereabouts CRDs -1, its workloads 0', () => {
    const app = Testing.app();
    const chart = new ClusterNetworkChart(app, 'net', { spec: spec({ networks: [DP] }), argoSyncWaves: true });
    const ipPools = chart.crds!.toJson().find((o: any) => o.metadata.name === 'ippools.whereabouts.cni.cncf.io');
    expect(ipPools.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-1');
    expect(find(chart.toJson(), 'DaemonSet', 'whereabouts').metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('0');
  });
});

describe('spec validation', () => {
  test('installed: no "not installed" warning; install false: the warning, naming the network', () => {
    expect(validateClusterNetwork(spec({ networks: [DP] })).warnings.filter((w) => w.rule === 'multus/whereabouts-not-installed')).toEqual([]);
    const w = validateClusterNetwork(spec({ networks: [DP], whereabouts: { install: false } })).warnings;
    expect(w).toEqual([expect.objectContaining({ path: 'spec.multus.networks[0].ipam', rule: 'multus/whereabouts-not-installed', message: expect.stringMatching(/^telco\/dp uses whereabouts IPAM and spec\.multus\.whereabouts\.install is false/) })]);
  });

  test('an invalid schedule is an error at spec.multus.whereabouts.reconciler_cron_expression', () => {
    const r = validateClusterNetwork(spec({ networks: [DP], whereabouts: { reconciler_cron_expression: '0 30 4 * * *' } }));
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([
      expect.objectContaining({
        path: 'spec.multus.whereabouts.reconciler_cron_expression',
        rule: 'whereabouts/cron-expression-invalid',
        message: expect.stringContaining('"0 30 4 * * *" is not a cron schedule: expected exactly 5 fields (minute hour day-of-month month day-of-week), found 6'),
      }),
    ]);
  });

  test('unknown fields under spec.multus.whereabouts are refused', () => {
    expect(validateClusterNetwork(spec({ networks: [DP], whereabouts: { cronExpression: '@daily' } })).ok).toBe(false);
  });
});

describe('reconciler schedule syntax (robfig/cron v3 ParseStandard, as gocron v2 uses it)', () => {
  test.each([
    '30 4 * * *',
    '*/15 * * * *',
    '0 0,12 1-15 JAN-jun mon-FRI',
    '5/10 * ? * *',
    '0 4 * * 0-6/2',
    '@daily',
    '@annually',
    '@every 1h30m',
    'CRON_TZ=Europe/Berlin 30 4 * * *',
    'TZ=UTC @hourly',
    '  30 4 * * *  ',
  ])('accepts %j', (expr) => expect(cronExpressionProblem(expr)).toBeUndefined());

  test.each([
    ['', 'empty'],
    ['30 4 * *', 'expected exactly 5 fields'],
    ['0 30 4 * * *', 'found 6'],
    ['60 * * * *', '60 is above 59 in the minute field'],
    ['* * 0 * *', '0 is below 1 in the day of month field'],
    ['* * * 13 *', '13 is above 12'],
    ['* * * * 7', '7 is above 6 in the day of week field'],
    ['10-5 * * * *', '10 is after 5'],
    ['*/0 * * * *', 'step must be positive'],
    ['1-2-3 * * * *', 'too many hyphens'],
    ['*/2/3 * * * *', 'too many slashes'],
    ['* * * FOO *', '"FOO" is not a number or a name'],
    ['@fortnightly', 'unrecognized descriptor'],
    ['@every 5', 'is not a duration'],
    ['L * * * *', 'is not a number'],
  ])('refuses %j (%s)', (expr, why) => expect(cronExpressionProblem(expr)).toContain(why));
});

describe('node slices in the spec', () => {
  const sliced = (range: string, node_slice_size: string, count = 3) => {
    const doc = spec({ networks: [{ ...DP, ipam: { type: 'whereabouts', range, node_slice_size } }] });
    doc.spec.nodes.count = count;
    return validateClusterNetwork(doc);
  };

  test('a slice the controller cannot cut is an error at node_slice_size, naming the allowed prefixes', () => {
    expect(sliced('10.30.0.0/24', '/20').issues).toEqual([
      expect.objectContaining({ path: 'spec.multus.networks[0].ipam.node_slice_size', message: '"/20" is larger than the range 10.30.0.0/24 (allowed: a prefix length /24-/32, e.g. "/30")' }),
    ]);
  });

  test('"26" and "/26" are both accepted (the controller trims the slash)', () => {
    expect(sliced('10.30.0.0/24', '26').ok).toBe(true);
    expect(sliced('10.30.0.0/24', '/26').ok).toBe(true);
  });

  test('fewer slices than planned nodes warns with the counts', () => {
    const r = sliced('10.30.0.0/24', '/26', 5);
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.message)).toContain('10.30.0.0/24 in /26 slices gives 4 slices for 5 nodes: nodes without a slice cannot give pods addresses on this network (allowed: a longer prefix, or a larger range)');
  });
});

describeWithReference('the whereabouts NAD config', () => {
  test('every ipam field we emit, node_slice_size included, is documented in the whereabouts README', () => {
    const readme = readFileSync(referencePath('whereabouts', 'README.md'), 'utf8');
    const objs = synthObjects(spec({ networks: [{ ...DP, ipam: { type: 'whereabouts', range: '10.30.0.0/20', range_start: '10.30.0.10', range_end: '10.30.3.250', exclude: ['10.30.0.0/28'], gateway: '10.30.0.1', node_slice_size: '/24' } }] }));
    const ipam = JSON.parse(find(objs, 'NetworkAttachmentDefinition', 'dp').spec.config).ipam;
    expect(Object.keys(ipam).filter((k) => !readme.includes(`\`${k}\``) && !readme.includes(`"${k}"`))).toEqual([]);
  });
});
