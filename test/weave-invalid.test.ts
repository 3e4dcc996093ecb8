/**
 * Weave Net bad input: every rule makes `cdk8s-cni synth` exit 1, report the exact field path at the start of a stderr
 * line, and write nothing.
 */
import { join } from 'node:path';
import { cli, tempDir, writeSpec } from './support/cli';
import { describeInvalidSpecs, type InvalidSpecCase } from './support/invalid-specs';
import { describeSecretRedaction } from './support/secret-redaction';
import { validateClusterNetwork } from '../src/spec/validate';

type Spec = any;
const weave = (): Spec => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'bad' },
  spec: {
    pods: { cidrs: ['10.32.0.0/12'] },
    services: { cidrs: ['10.96.0.0/12'] },
    nodes: { count: 3, maxCount: 20, mtu: 1500 },
    cni: { type: 'weave' },
  },
});
const w = (f: (cni: Spec, s: Spec) => void) => () => {
  const s = weave();
  f(s.spec.cni, s);
  return s;
};

/** [rule, the spec, the path that must be reported, a fragment of its message] */
const cases: InvalidSpecCase[] = [
  ['IPALLOC_RANGE outside the pod range', w((x) => (x.ipallocRange = '10.0.0.0/16')), 'spec.cni.ipallocRange', '10.0.0.0/16 is not spec.pods.cidrs[0] 10.32.0.0/12'],
  ['IPALLOC_RANGE a strict subset of the pod range (kube-proxy --cluster-cidr must match it)', w((x) => (x.ipallocRange = '10.32.0.0/16')), 'spec.cni.ipallocRange', '10.32.0.0/16 is not spec.pods.cidrs[0] 10.32.0.0/12; Weave requires kube-proxy --cluster-cidr (the pod range) to match IPALLOC_RANGE (allowed: 10.32.0.0/12, or leave ipallocRange unset)'],
  ['IPALLOC_RANGE syntax', w((x) => (x.ipallocRange = '10.32.0.0')), 'spec.cni.ipallocRange', 'is not a CIDR'],
  ['IPALLOC_RANGE host bits', w((x) => (x.ipallocRange = '10.32.1.0/16')), 'spec.cni.ipallocRange', 'canonical form: 10.32.0.0/16'],
  ['range too small for nodes × pods', w((x, s) => {
    s.spec.pods.cidrs = ['10.32.0.0/22'];
    x.ipallocRange = '10.32.0.0/22';
  }), 'spec.cni.ipallocRange', '20 nodes × (110 pods + 1 bridge address) need 2220'],
  ['default range (pods.cidrs[0]) too small', w((_x, s) => {
    s.spec.pods.cidrs = ['10.32.0.0/22'];
  }), 'spec.pods.cidrs[0]', 'need 2220'],
  ['IPv6 is not supported', w((_x, s) => {
    s.spec.ipFamilies = ['IPv6'];
    s.spec.pods.cidrs = ['fd00:10:32::/56'];
    s.spec.services.cidrs = ['fd00:10:96::/112'];
  }), 'spec.ipFamilies', 'not supported by Weave Net (allowed: [IPv4])'],
  ['password given inline', w((x) => (x.encryption = { password: 'hunter2' })), 'spec.cni.encryption.password', 'unknown field (allowed here: passwordSecret)'],
  ['passwordSecret without key', w((x) => (x.encryption = { passwordSecret: { name: 'weave-passwd' } })), 'spec.cni.encryption.passwordSecret.key', ''],
  ['CONN_LIMIT out of range', w((x) => (x.connLimit = 0)), 'spec.cni.connLimit', ''],
];

describeInvalidSpecs(cases);

describeSecretRedaction(
  'spec.cni.encryption.passwordSecret',
  (value) => w((x) => (x.encryption = { passwordSecret: value }))(),
  'a literal password is not allowed (allowed: {name, key}, a reference to a key of a Secret in kube-system)',
);

test('the base spec is valid and synth warns that Weave Net is archived', () => {
  const dir = tempDir();
  const result = cli('synth', writeSpec(weave(), dir), '-o', join(dir, 'dist'));
  expect(result.code).toBe(0);
  expect(result.stderr).toMatch(/^warning: spec.cni.type: Weave Net is archived upstream/m);
});

/** Weave still runs (over the slower sleeve path, or with small IPv4 packets): warnings, not errors. */
test.each([
  ['WEAVE_MTU larger than the underlay allows', w((x) => (x.mtu = 1450)), 'spec.cni.mtu', 'falls back to the slow sleeve path (allowed: at most 1416)'],
  ['underlay MTU too small for the default WEAVE_MTU (IPv4: below 576)', w((_x, s) => (s.spec.nodes.mtu = 600)), 'spec.nodes.mtu', "after Weave's overhead of 84 bytes"],
])('%s: valid, with a warning at its path', (_name, make, path, fragment) => {
  const r = validateClusterNetwork(make());
  expect(r.issues).toEqual([]);
  expect(r.warnings.some((x) => x.path === path && x.message.includes(fragment))).toBe(true);
});
