/**
 * Hubble TLS without hand work (issue 16): `hubble.tls.auto.method` cronJob (cilium-certgen Job + CronJob and their
 * RBAC) or certmanager (cert-manager Certificates from a given issuer). Objects validate against the Kubernetes
 * schemas and the cert-manager v1.21.1 CRD; no key material is ever synthesized; the TLS warning goes away.
 */
import { App, Chart } from 'cdk8s';
import { Cilium } from '../src/cni/cilium/cilium';
import { validateClusterNetwork } from '../src/spec/validate';
import { synthObjects } from '../src/synth';
import { validateObjects } from './support/schema-validation';

const spec = (hubble: Record<string, unknown>) => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'hubble-tls' },
  spec: { pods: { cidrs: ['10.244.0.0/16'] }, services: { cidrs: ['10.96.0.0/12'] }, nodes: { count: 3 }, cni: { type: 'cilium', hubble } },
});
const ISSUER = { name: 'cluster-ca', kind: 'ClusterIssuer', group: 'cert-manager.io' };
const cronJob = spec({ relay: true, ui: true, tls: { auto: { method: 'cronJob' } } });
const certManager = spec({ relay: true, tls: { auto: { method: 'certmanager', certManagerIssuerRef: ISSUER } } });
const find = (objs: any[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);
const tlsWarnings = (doc: unknown) => validateClusterNetwork(doc).warnings.filter((w) => w.rule === 'cilium/hubble-tls-by-hand');

describe('hubble.tls.auto.method: cronJob', () => {
  const objs = synthObjects(cronJob as any) as any[];

  test('certgen ServiceAccount, Role, RoleBinding, Job and CronJob as the chart renders them', () => {
    const ids = objs.map((o) => `${o.kind}/${o.metadata.name}`);
    for (const id of ['ServiceAccount/hubble-generate-certs', 'Role/hubble-generate-certs', 'RoleBinding/hubble-generate-certs', 'Job/hubble-generate-certs', 'CronJob/hubble-generate-certs']) {
      expect(ids).toContain(id);
    }
    const cron = find(objs, 'CronJob', 'hubble-generate-certs');
    expect(cron.spec).toMatchObject({ schedule: '0 0 1 */4 *', concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    const job = find(objs, 'Job', 'hubble-generate-certs');
    expect(job.metadata.annotations).toEqual({ 'helm.sh/hook': 'post-install,post-upgrade' });
    const c = job.spec.template.spec.containers[0];
    expect(c.image).toBe('quay.io/cilium/certgen:v0.4.5@sha256:f107522ed4dcea62f918b8eb836142875a9b3e3cb2b2d728dc680f76cdbde6cf');
    expect(c.args).toEqual(['--ca-generate=true', '--ca-reuse-secret', '--ca-secret-namespace=kube-system', '--ca-secret-name=cilium-ca', '--ca-common-name=Cilium CA']);
    const config = c.env.find((e: any) => e.name === 'CILIUM_CERTGEN_CONFIG').value;
    expect(config).toContain('- name: hubble-server-certs\n  namespace: kube-system\n  commonName: "*.default.hubble-grpc.cilium.io"');
    expect(config).toContain('- name: hubble-relay-client-certs');
    expect(config).toContain('validity: 8760h');
    expect(job.spec.template.spec).toMatchObject({ serviceAccountName: 'hubble-generate-certs', restartPolicy: 'OnFailure', hostNetwork: false });
    expect(cron.spec.jobTemplate.spec).toEqual(job.spec);
  });

  test('certgen may only create Secrets, update Hubble\'s own and read/update the CA (chart role.yaml)', () => {
    expect(find(objs, 'Role', 'hubble-generate-certs').rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], verbs: ['create'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['hubble-server-certs', 'hubble-relay-client-certs', 'hubble-relay-server-certs', 'hubble-metrics-server-certs', 'hubble-ui-client-certs'], verbs: ['update'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['cilium-ca'], verbs: ['get', 'update'] },
    ]);
  });

  test('without Relay certgen signs only the server certificate', () => {
    const only = synthObjects(spec({ tls: { auto: { method: 'cronJob', certValidityDuration: 30 } } }) as any) as any[];
    const config = find(only, 'Job', 'hubble-generate-certs').spec.template.spec.containers[0].env[0].value;
    expect(config).not.toContain('hubble-relay-client-certs');
    expect(config).toContain('validity: 720h');
  });
});

describe('hubble.tls.auto.method: certmanager', () => {
  const objs = synthObjects(certManager as any) as any[];

  test('Certificates for the server and Relay client Secrets, from the given issuer', () => {
    const certs = objs.filter((o) => o.kind === 'Certificate');
    expect(certs.map((c) => c.metadata.name)).toEqual(['hubble-server-certs', 'hubble-relay-client-certs']);
    expect(certs[0].spec).toEqual({
      issuerRef: ISSUER,
      secretName: 'hubble-server-certs',
      commonName: '*.default.hubble-grpc.cilium.io',
      dnsNames: ['*.default.hubble-grpc.cilium.io'],
      duration: '8760h0m0s',
      privateKey: { rotationPolicy: 'Always' },
      isCA: false,
      usages: ['signing', 'key encipherment', 'server auth', 'client auth'],
    });
    expect(certs[1].spec).toMatchObject({ secretName: 'hubble-relay-client-certs', commonName: '*.hubble-relay.cilium.io', usages: ['signing', 'key encipherment', 'client auth'] });
    expect(objs.some((o) => o.kind === 'Job' || o.kind === 'CronJob')).toBe(false);
  });

  test('an issuer is required (cert-manager refuses a Certificate without issuerRef.name)', () => {
    const r = validateClusterNetwork(spec({ relay: true, tls: { auto: { method: 'certmanager' } } }));
    expect(r.ok).toBe(false);
    expect(r.issues).toContainEqual(expect.objectContaining({ path: 'spec.cni.hubble.tls.auto.certManagerIssuerRef', rule: 'cilium/hubble-certmanager-issuer' }));
    const chart = new Chart(new App(), 'c');
    expect(() => new Cilium(chart, 'cilium', { hubble: { relay: true, tls: { auto: { method: 'certmanager' } } } })).toThrow(/certManagerIssuerRef/);
  });
});

describe.each([
  ['cronJob', cronJob],
  ['certmanager', certManager],
])('both methods (%s)', (_name, doc) => {
  const objs = synthObjects(doc as any) as any[];

  test('every object validates against the Kubernetes schemas and the cert-manager / Cilium CRDs', () => {
    // The reference schema subset has no batch/v1 types: Job and CronJob pod templates are validated as Pods, and
    // their own fields are checked against the batch/v1 field names.
    const batch = objs.filter((o) => o.kind === 'Job' || o.kind === 'CronJob');
    expect(validateObjects(objs.filter((o) => !batch.includes(o)))).toEqual([]);
    for (const o of batch) {
      const jobSpec = o.kind === 'Job' ? o.spec : o.spec.jobTemplate.spec;
      expect(validateObjects([{ apiVersion: 'v1', kind: 'Pod', metadata: { name: o.metadata.name, namespace: o.metadata.namespace }, spec: jobSpec.template.spec }])).toEqual([]);
      expect(Object.keys(jobSpec).filter((k) => !['template', 'ttlSecondsAfterFinished', 'backoffLimit', 'completions', 'parallelism', 'activeDeadlineSeconds'].includes(k))).toEqual([]);
      if (o.kind === 'CronJob') {
        expect(Object.keys(o.spec).filter((k) => !['schedule', 'concurrencyPolicy', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'jobTemplate', 'suspend', 'timeZone', 'startingDeadlineSeconds'].includes(k))).toEqual([]);
      }
    }
  });

  test('no key material and no Secret in the output; Relay mounts the Secret the method makes', () => {
    expect(objs.some((o) => o.kind === 'Secret')).toBe(false);
    expect(JSON.stringify(objs)).not.toMatch(/BEGIN (RSA |EC )?(PRIVATE KEY|CERTIFICATE)/);
    const relay = find(objs, 'Deployment', 'hubble-relay');
    const tls = relay.spec.template.spec.volumes.find((v: any) => v.name === 'tls');
    expect(tls.projected.sources[0].secret.name).toBe('hubble-relay-client-certs');
  });

  test('the Hubble TLS warning goes away', () => {
    expect(tlsWarnings(doc)).toEqual([]);
  });
});

test('Relay without a method keeps the warning, naming both methods', () => {
  const w = tlsWarnings(spec({ relay: true }));
  expect(w).toHaveLength(1);
  expect(w[0].message).toMatch(/hubble\.tls\.auto\.method cronJob .* or certmanager/);
});
