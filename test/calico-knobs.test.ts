/**
 * The Calico knobs operators reach for first: IP autodetection, BGPFilters, per-node BGP settings (the
 * calico-node-config script) and the typed Felix escape hatch (felix.extra), with every output validated against the
 * upstream CRDs.
 */
import { Testing } from 'cdk8s';
import { BGPFilter } from '../src/cni/calico/bgp-filter';
import { Calico } from '../src/cni/calico/calico';
import { autodetectionProblems, defaultAutodetectionMethod } from '../src/cni/calico/ip-autodetection';
import { calicoNodeConfigScript } from '../src/cni/calico/node-config';
import { calicoBgpFilterRuleSchema } from '../src/cni/calico/spec';
import { FelixConfiguration } from '../src/cni/common/calico-policy/felix-configuration';
import { MODELLED_FELIX_FIELDS } from '../src/cni/common/calico-policy/felix-checks';
import { resolveClusterNetwork, validateClusterNetwork } from '../src/spec/validate';
import { synthObjects, type KubeObject } from '../src/synth';
import { cli, writeSpec } from './support/cli';
import { find, loadExample, synthExample } from './support/examples';
import { validateObjects } from './support/schema-validation';
import { describeWithReference, readReferenceYaml } from './support/shared';
import { describeWithShellcheck, shellcheck } from './support/shellcheck';

type Json = Record<string, any>;
const doc = (cni: Json = {}, spec: Json = {}): any => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'knobs' },
  spec: { pods: { cidrs: ['10.244.0.0/16'] }, nodes: { count: 3 }, ...spec, cni: { type: 'calico', ...cni } },
});
const dual = { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } };
const env = (objs: KubeObject[]) => {
  const c = find(objs, 'DaemonSet', 'calico-node').spec.template.spec.containers.find((x: Json) => x.name === 'calico-node');
  return c.env.map((e: Json) => e.name) as string[];
};
const envValue = (objs: KubeObject[], name: string) =>
  find(objs, 'DaemonSet', 'calico-node').spec.template.spec.containers[0].env.find((e: Json) => e.name === name)?.value as string | undefined;
const issues = (d: unknown) => {
  const r = validateClusterNetwork(d);
  return [...r.issues, ...r.warnings].map((i) => `${i.rule} ${i.path}`);
};

describe('IP autodetection (IP_AUTODETECTION_METHOD / IP6_AUTODETECTION_METHOD)', () => {
  test('defaults to cidr= the node ranges of each family, right after IP / IP6', () => {
    const objs = synthObjects(doc({}, { ...dual, nodes: { count: 3, cidrs: ['192.168.0.0/16', '10.10.0.0/24', 'fd00:1::/64'] } }));
    expect(envValue(objs, 'IP_AUTODETECTION_METHOD')).toBe('cidr=192.168.0.0/16,10.10.0.0/24');
    expect(envValue(objs, 'IP6_AUTODETECTION_METHOD')).toBe('cidr=fd00:1::/64');
    const names = env(objs);
    expect(names.indexOf('IP_AUTODETECTION_METHOD')).toBe(names.indexOf('IP') + 1);
    expect(names.indexOf('IP6_AUTODETECTION_METHOD')).toBe(names.indexOf('IP6') + 1);
    expect(validateObjects(objs)).toEqual([]);
  });

  test("without spec.nodes.cidrs calico-node keeps upstream's default (first-found): no variable, as calico.yaml", () => {
    expect(env(synthObjects(doc()))).not.toContain('IP_AUTODETECTION_METHOD');
    expect(defaultAutodetectionMethod(undefined, 'IPv4')).toBeUndefined();
    expect(defaultAutodetectionMethod(['fd00::/64'], 'IPv4')).toBeUndefined();
  });

  test('the spec wins over the default; an IPv6-only cluster gets no IPv4 method', () => {
    const objs = synthObjects(doc({ ipAutodetectionMethod: 'interface=eth1' }, { nodes: { count: 3, cidrs: ['192.168.0.0/16'] } }));
    expect(envValue(objs, 'IP_AUTODETECTION_METHOD')).toBe('interface=eth1');
    const v6 = synthObjects(doc({}, { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/112'] }, nodes: { count: 3, cidrs: ['192.168.0.0/16', 'fd00:1::/64'] } }));
    expect(env(v6)).not.toContain('IP_AUTODETECTION_METHOD');
    expect(envValue(v6, 'IP6_AUTODETECTION_METHOD')).toBe('cidr=fd00:1::/64');
  });

  test.each([
    'first-found',
    'kubernetes-internal-ip',
    'can-reach=8.8.8.8',
    'can-reach=www.google.com',
    'interface=eth0',
    'interface=eth.*, ens[0-9]+',
    'skip-interface=docker.*,cni.*',
    'cidr=10.0.0.0/8, 192.168.1.5/24',
  ])('calico-node accepts %s', (m) => expect(autodetectionProblems(m, 'IPv4')).toEqual([]));

  test.each([
    ['bogus', 'method'],
    ['cidr=10.0.0.0/8,not-a-cidr', 'cidr'],
    ['cidr=fd00::/8', 'family'],
    ['can-reach=2001:db8::1', 'family'],
    ['interface=eth[0', 'regex'],
    ['skip-interface=(?!eth0)', 'regex'],
    ['interface=(a)\\1', 'regex'],
  ])('calico-node fails on %s (%s)', (m, kind) => expect(autodetectionProblems(m, 'IPv4').map((p) => p.kind)).toEqual([kind]));

  test('the construct refuses a method calico-node fails on', () => {
    expect(() => new Calico(Testing.chart(), 'c', { ipAutodetectionMethod: 'cidr=fd00::/64' })).toThrow('Calico: IP_AUTODETECTION_METHOD "cidr=fd00::/64" would stop calico-node: fd00::/64 is IPv6');
    expect(() => new Calico(Testing.chart(), 'c', { ipAutodetectionMethod: 'interface=eth0' })).not.toThrow();
  });

  test('errors name the field', () => {
    expect(issues(doc({ ipAutodetectionMethod: 'cidr=10.0.0.0/40' }))).toContain('calico/ip-autodetection-cidr spec.cni.ipAutodetectionMethod');
    expect(issues(doc({ ip6AutodetectionMethod: 'interface=eth[' }, dual))).toContain('calico/ip-autodetection-regex spec.cni.ip6AutodetectionMethod');
    expect(issues(doc({ ip6AutodetectionMethod: 'first-found' }))).toContain('calico/ip-autodetection-unused spec.cni.ip6AutodetectionMethod');
  });
});

const filters = [
  {
    name: 'export-services',
    exportV4: [
      { action: 'Accept', cidr: '10.96.0.0/12', matchOperator: 'In', prefixLength: { min: 12, max: 32 }, operations: [{ addCommunity: { value: '65000:100' } }] },
      { action: 'Reject', source: 'RemotePeers' },
    ],
    importV6: [{ action: 'Reject', cidr: 'fd00::/8', matchOperator: 'NotIn', interface: 'eth*' }],
  },
];
const bgpDoc = (bgp: Json = {}) =>
  doc(
    { bgp: { filters, peers: [{ name: 'tor', peerIP: '192.168.0.1', asNumber: 65001, filters: ['export-services'] }], ...bgp } },
    { nodes: { count: 3, cidrs: ['192.168.0.0/16'] } },
  );

describe('BGPFilter', () => {
  const objs = synthObjects(bgpDoc());

  test('one crd.projectcalico.org/v1 BGPFilter per spec filter, before the peers that name it', () => {
    const f = find(objs, 'BGPFilter', 'export-services');
    expect(f.apiVersion).toBe('crd.projectcalico.org/v1');
    expect(f.spec).toEqual({ exportV4: filters[0].exportV4, importV6: filters[0].importV6 });
    expect(find(objs, 'BGPPeer', 'tor').spec.filters).toEqual(['export-services']);
    expect(objs.findIndex((o) => o.kind === 'BGPFilter')).toBeLessThan(objs.findIndex((o) => o.kind === 'BGPPeer'));
  });

  test('every object validates against the upstream schemas', () => expect(validateObjects(objs)).toEqual([]));

  test("the construct refuses what the CRD's CEL rules refuse", () => {
    const chart = Testing.chart();
    expect(() => new BGPFilter(chart, 'a', { name: 'a', spec: { exportV4: [{ action: 'Accept', cidr: '10.0.0.0/8' }] } })).toThrow(/exportV4\[0\]: cidr and matchOperator/);
    expect(() => new BGPFilter(chart, 'b', { name: 'b', spec: { importV6: [{ action: 'Reject', operations: [{ setPriority: { value: 5 } }] }] } })).toThrow(/operations may only be used with action Accept/);
  });

  test('spec errors name the rule field', () => {
    const bad = (rule: Json) => issues(bgpDoc({ filters: [{ name: 'f', exportV4: [rule] }], peers: [] }));
    expect(bad({ action: 'Accept', matchOperator: 'In' })).toContain('calico/bgp-filter-rule spec.cni.bgp.filters[0].exportV4[0]');
    expect(bad({ action: 'Accept', cidr: 'fd00::/8', matchOperator: 'In' })).toContain('calico/bgp-filter-cidr-family spec.cni.bgp.filters[0].exportV4[0].cidr');
    expect(bad({ action: 'Accept', cidr: '10.0.0.0/8', matchOperator: 'In', prefixLength: { max: 33 } })).toContain('calico/bgp-filter-schema spec.cni.bgp.filters[0].exportV4[0].prefixLength.max');
    expect(bad({ action: 'Accept', communities: { values: ['not-a-community'] } })).toContain('calico/bgp-filter-schema spec.cni.bgp.filters[0].exportV4[0].communities.values[0]');
    expect(bad({ action: 'Accept', interface: 'eth#' })).toContain('calico/bgp-filter-interface spec.cni.bgp.filters[0].exportV4[0].interface');
    expect(issues(bgpDoc({ peers: [{ name: 'tor', peerIP: '192.168.0.1', asNumber: 65001, filters: ['export-servces'] }] }))).toContain('calico/bgp-filter-undefined spec.cni.bgp.peers[0].filters[0]');
    expect(issues(bgpDoc({ filters: [filters[0], { name: 'export-services' }] }))).toContain('calico/duplicate-name spec.cni.bgp.filters[1].name');
  });

  describeWithReference('enums as the upstream CRD states them', () => {
    const crd = readReferenceYaml('calico', 'crds', 'crd.projectcalico.org_bgpfilters.yaml')[0];
    const rule = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.exportV4.items.properties;
    test.each(['action', 'matchOperator', 'source', 'peerType'])('%s', (field) => {
      const ours = (calicoBgpFilterRuleSchema.shape as Json)[field];
      expect([...(ours.unwrap?.() ?? ours).options].sort()).toEqual([...rule[field].enum].sort());
    });
    test('every rule field of the CRD is in the spec', () => expect(Object.keys(calicoBgpFilterRuleSchema.shape).sort()).toEqual(Object.keys(rule).sort()));
  });
});

const nodes = {
  'rr-1': { routeReflectorClusterID: '244.0.0.1', labels: { 'route-reflector': 'true' } },
  'rr-2': { routeReflectorClusterID: '244.0.0.1', labels: { 'route-reflector': 'true' } },
  'rack1-node-1': { asNumber: 65101, labels: { rack: 'rack-1' } },
};
const rrDoc = doc(
  { bgp: { nodeToNodeMeshEnabled: false, peers: [{ name: 'to-rr', nodeSelector: 'all()', peerSelector: "route-reflector == 'true'" }], nodes } },
  { nodes: { count: 3, cidrs: ['192.168.0.0/16'] } },
);

describe('per-node BGP settings (calico-node-config)', () => {
  const n = resolveClusterNetwork(rrDoc);
  const script = calicoNodeConfigScript(n);
  const viaKubectl = calicoNodeConfigScript(n, 'kubectl');

  test('the documented commands: kubectl label, calicoctl patch node (Kubernetes datastore), nodes sorted', () => {
    expect(script).toContain("kubectl label node 'rr-1' 'route-reflector=true' --overwrite");
    expect(script).toContain(`calicoctl patch node 'rr-1' --patch '{"spec":{"bgp":{"routeReflectorClusterID":"244.0.0.1"}}}'`);
    expect(script).toContain(`calicoctl patch node 'rack1-node-1' --patch '{"spec":{"bgp":{"asNumber":"65101"}}}'`);
    expect(script).toContain('export DATASTORE_TYPE="${DATASTORE_TYPE:-kubernetes}"');
    const order = ['# rack1-node-1', '# rr-1', '# rr-2'].map((h) => script.indexOf(h));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  test('--tool kubectl writes the annotations the Kubernetes datastore keeps those fields in', () => {
    expect(viaKubectl).toContain("kubectl annotate node 'rr-1' 'projectcalico.org/RouteReflectorClusterID=244.0.0.1' --overwrite");
    expect(viaKubectl).toContain("kubectl annotate node 'rack1-node-1' 'projectcalico.org/ASNumber=65101' --overwrite");
    expect(viaKubectl).not.toContain('calicoctl');
  });

  test('re-runnable: every command sets a value (label/annotate --overwrite, merge patch); same spec, same script', () => {
    for (const s of [script, viaKubectl]) {
      for (const line of s.split('\n').filter((l) => /^kubectl (label|annotate)/.test(l))) expect(line).toMatch(/ --overwrite$/);
    }
    expect(calicoNodeConfigScript(resolveClusterNetwork(rrDoc))).toBe(script);
    expect(script).not.toMatch(/kubectl (create|apply)|calicoctl (create|apply)/);
  });

  test('nodes are not synthesized (not ours to own); the manifests validate', () => {
    const objs = synthObjects(rrDoc);
    expect(objs.filter((o) => o.kind === 'Node')).toEqual([]);
    expect(validateObjects(objs)).toEqual([]);
  });

  describeWithShellcheck('shellcheck finds nothing', () => {
    test('calicoctl script', () => expect(shellcheck(script)).toBe(''));
    test('kubectl script', () => expect(shellcheck(viaKubectl)).toBe(''));
    test('empty script', () => expect(shellcheck(calicoNodeConfigScript(resolveClusterNetwork(doc())))).toBe(''));
  });

  test('the CLI prints it; a non-Calico spec exits 1 naming spec.cni.type', () => {
    const r = cli('calico-node-config', writeSpec(rrDoc), '--tool', 'kubectl');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(viaKubectl);
    const flannel = cli('calico-node-config', writeSpec({ ...doc(), spec: { ...doc().spec, cni: { type: 'flannel' } } }));
    expect(flannel.code).toBe(1);
    expect(flannel.stderr).toMatch(/^spec\.cni\.type: is flannel, but calico-node-config applies Calico per-node BGP settings/m);
  });

  test('errors at the node path', () => {
    const bad = doc({ bgp: { nodes: { 'n-1': { routeReflectorClusterID: 'fd00::1', labels: { 'bad key!': 'x' } } } } });
    expect(issues(bad)).toEqual(expect.arrayContaining(['calico/route-reflector-cluster-id spec.cni.bgp.nodes.n-1.routeReflectorClusterID', 'metadata/label-key spec.cni.bgp.nodes.n-1.labels.bad key!']));
    expect(issues(doc({ bgp: { enabled: false, nodes } }))).toContain('calico/bgp-settings-without-bgp spec.cni.bgp.nodes');
    expect(issues(doc({ bgp: { enabled: false, filters } }))).toContain('calico/bgp-settings-without-bgp spec.cni.bgp.filters');
  });
});

describe('felix.extra (typed Felix escape hatch)', () => {
  const extra = { bpfExternalServiceMode: 'DSR', natPortRange: '32768:65535', failsafeInboundHostPorts: [{ protocol: 'tcp', port: 22 }] };

  test('merged into the FelixConfiguration spec beside the typed fields; validates against the CRD', () => {
    const objs = synthObjects(doc({ felix: { prometheusMetricsEnabled: true, extra } }));
    expect(find(objs, 'FelixConfiguration', 'default').spec).toEqual({ prometheusMetricsEnabled: true, ...extra });
    expect(validateObjects(objs)).toEqual([]);
  });

  test('a warning lists the fields; a modelled field is refused naming the typed field; unknown fields and bad values are refused', () => {
    const r = validateClusterNetwork(doc({ felix: { extra: { ...extra, wireguardEnabled: true, bpfLogLevel: 'Loud', notAField: 1 } } }));
    expect(r.warnings.map((w) => w.message)).toContain(
      'sets bpfExternalServiceMode, bpfLogLevel, failsafeInboundHostPorts, natPortRange, notAField, wireguardEnabled as given; only the CRD schema checks them, not how they interact with the rest of the spec',
    );
    const errors = r.issues.map((i) => `${i.rule} ${i.path}: ${i.message}`);
    expect(errors).toContain('calico/felix-extra-modelled-field spec.cni.felix.extra.wireguardEnabled: is modelled by the spec (allowed: set spec.cni.felix.wireguardEnabled instead)');
    expect(errors.some((e) => e.startsWith('calico/felix-extra-schema spec.cni.felix.extra.bpfLogLevel:'))).toBe(true);
    expect(errors.some((e) => e.startsWith('calico/felix-extra-schema spec.cni.felix.extra.notAField: is not a field'))).toBe(true);
  });

  test('every modelled field is a FelixConfiguration field', () => {
    const chart = Testing.chart();
    const spec = Object.fromEntries(MODELLED_FELIX_FIELDS.map((f) => [f, f.endsWith('Port') || f.endsWith('PortV6') ? 9000 : f === 'logSeverityScreen' ? 'Info' : true]));
    expect(validateObjects([new FelixConfiguration(chart, 'f', { spec }).apiObject.toJson()])).toEqual([]);
  });

  test('Canal shares it', () => {
    const canal = (felix: Json) => ({ ...doc(), spec: { ...doc().spec, cni: { type: 'canal', felix } } });
    const objs = synthObjects(canal({ extra: { natPortRange: '32768:65535' } }));
    expect(find(objs, 'FelixConfiguration', 'default').spec).toEqual({ natPortRange: '32768:65535' });
    expect(validateObjects(objs)).toEqual([]);
    expect(issues(canal({ extra: { bpfEnabled: false } }))).toContain('calico/felix-extra-modelled-field spec.cni.felix.extra.bpfEnabled');
  });

  test('the construct refuses an extra field it types', () => {
    expect(() => new FelixConfiguration(Testing.chart(), 'f', { spec: { extra: { healthPort: 1 } } })).toThrow(/extra sets healthPort/);
  });
});

describe('calico-route-reflectors example', () => {
  const spec = loadExample('calico-route-reflectors.yaml');
  const objs = synthExample('calico-route-reflectors.yaml');

  test('mesh off, peers to the reflectors and a filtered peering to the router, address on the node network', () => {
    expect(find(objs, 'BGPConfiguration', 'default').spec.nodeToNodeMeshEnabled).toBe(false);
    expect(find(objs, 'BGPPeer', 'to-route-reflectors').spec).toEqual({ nodeSelector: 'all()', peerSelector: "route-reflector == 'true'" });
    expect(find(objs, 'BGPPeer', 'rr-to-dc-router').spec.filters).toEqual(['pods-only']);
    expect(find(objs, 'BGPFilter', 'pods-only').spec.exportV4).toEqual([{ action: 'Accept', cidr: '10.64.0.0/16', matchOperator: 'In' }, { action: 'Reject' }]);
    expect(envValue(objs, 'IP_AUTODETECTION_METHOD')).toBe('cidr=10.20.0.0/16');
  });

  test('validates without warnings; the node script labels and patches both reflectors', () => {
    const r = validateClusterNetwork(spec);
    expect([r.issues, r.warnings]).toEqual([[], []]);
    const script = calicoNodeConfigScript(resolveClusterNetwork(spec));
    for (const node of ['cp-1', 'cp-2']) {
      expect(script).toContain(`kubectl label node '${node}' 'route-reflector=true' --overwrite`);
      expect(script).toContain(`calicoctl patch node '${node}' --patch '{"spec":{"bgp":{"routeReflectorClusterID":"244.0.0.1"}}}'`);
    }
  });
});
