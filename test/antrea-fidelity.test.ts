/**
 * Antrea fidelity: with default props the construct produces the objects of antrea.yml v2.7.0 (read from
 * ../shared/reference/antrea at test time), object by object, apart from these intended differences:
 * - images: `:v2.7.0` (the release asset) instead of the dev render's `:latest`;
 * - `checksum/config` is a digest of our ConfigMap data (Helm's is of its rendered template);
 * - the conf files carry the chart's values without its comments (compared as parsed YAML);
 * - the CRDs go to the CRD chart (applied first), and are compared with chart/crds there.
 * With IPsec, the objects of antrea-ipsec.yml, except that the PSK comes from the user's Secret: no `antrea-ipsec`
 * Secret with the placeholder key and no `checksum/ipsec-secret` annotation.
 */
import { readFileSync } from 'node:fs';
import { Chart, Testing } from 'cdk8s';
import { parse, parseAllDocuments } from 'yaml';
import { Antrea } from '../src/cni/antrea/antrea';
import type { AntreaProps } from '../src/cni/antrea/props';
import { ANTREA_CRDS } from '../src/generated/antrea/crds/index';
import { ANTREA_FEATURE_GATES } from '../src/generated/antrea/feature-gates';
import { validateObjects } from './support/schema-validation';
import { describeWithReference, referencePath } from './support/shared';

type Json = Record<string, any>;

/** The documents of a reference manifest, read as Kubernetes does (YAML 1.1: `0400` is octal). */
function manifest(file: string): Json[] {
  return parseAllDocuments(readFileSync(referencePath('antrea', 'yamls', file), 'utf8'), { version: '1.1' })
    .map((d) => d.toJS() as Json | null)
    .filter((o): o is Json => !!o);
}

function synth(props: AntreaProps = {}): { objs: Json[]; crds: Json[] } {
  const app = Testing.app();
  const crdChart = new Chart(app, 'crds');
  const chart = new Chart(app, 'antrea');
  new Antrea(chart, 'antrea', { ...props, crdScope: crdChart });
  return { objs: Testing.synth(chart), crds: Testing.synth(crdChart) };
}

/** Applies the intended differences to one object (either side). */
function normalize(o: Json): Json {
  const c = structuredClone(o);
  const tpl = c.spec?.template;
  if (tpl?.metadata?.annotations) {
    delete tpl.metadata.annotations['checksum/config'];
    delete tpl.metadata.annotations['checksum/ipsec-secret'];
  }
  for (const list of [tpl?.spec?.containers, tpl?.spec?.initContainers]) for (const k of list ?? []) k.image = k.image.replace(/:[^:/]+$/, ':TAG');
  if (c.kind === 'ConfigMap' && c.metadata.name === 'antrea-config') {
    c.data = {
      'antrea-agent.conf': parse(c.data['antrea-agent.conf']),
      'antrea-controller.conf': parse(c.data['antrea-controller.conf']),
      'antrea-cni.conflist': JSON.parse(c.data['antrea-cni.conflist']),
    };
  }
  return c;
}

const key = (o: Json) => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

function compare(ours: Json[], upstream: Json[]): void {
  expect(ours.map(key)).toEqual(upstream.map(key));
  ours.forEach((o, i) => expect({ [key(o)]: normalize(o) }).toEqual({ [key(o)]: normalize(upstream[i]) }));
}

describeWithReference('Antrea v2.7.0 fidelity (antrea.yml)', () => {
  const upstream = manifest('antrea.yml');
  const { objs, crds } = synth();

  test('every non-CRD object of antrea.yml, in its order, equal after the intended differences', () => {
    compare(objs, upstream.filter((o) => o.kind !== 'CustomResourceDefinition'));
  });

  test('the CRD chart holds every CRD of antrea.yml, in its order, equal to upstream', () => {
    const theirs = upstream.filter((o) => o.kind === 'CustomResourceDefinition');
    expect(crds).toHaveLength(ANTREA_CRDS.length);
    expect(crds).toEqual(theirs);
  });

  test('the generated feature-gate lists match the gates each rendered conf file documents (`#  Name: default`)', () => {
    const data = upstream.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'antrea-config')!.data;
    const documented = (text: string) => Object.fromEntries([...text.matchAll(/^#  (\w+): (true|false)$/gm)].map((m) => [m[1], m[2] === 'true']));
    expect(ANTREA_FEATURE_GATES.agent).toEqual(documented(data['antrea-agent.conf']));
    expect(ANTREA_FEATURE_GATES.controller).toEqual(documented(data['antrea-controller.conf']));
  });

  test('images are pinned to v2.7.0; imageRegistry mirrors both', () => {
    const images = (xs: Json[]) => [...new Set(xs.flatMap((o) => [...(o.spec?.template?.spec?.initContainers ?? []), ...(o.spec?.template?.spec?.containers ?? [])].map((c: Json) => c.image)))].sort();
    expect(images(objs)).toEqual(['antrea/antrea-agent-ubuntu:v2.7.0', 'antrea/antrea-controller-ubuntu:v2.7.0']);
    expect(images(synth({ imageRegistry: 'registry.example.com/mirror' }).objs)).toEqual([
      'registry.example.com/mirror/antrea/antrea-agent-ubuntu:v2.7.0',
      'registry.example.com/mirror/antrea/antrea-controller-ubuntu:v2.7.0',
    ]);
  });

  test('every object validates: built-ins against the Kubernetes schemas (APIServices and webhooks against the upstream objects of their kind), CRs against the CRDs', () => {
    expect(validateObjects([...crds, ...objs])).toEqual([]);
  });

  test('an APIService or webhook field no upstream object has, or a wrong type, is a problem', () => {
    const api = structuredClone(objs.find((o) => o.kind === 'APIService')!);
    api.spec.insecureSkipTlsVerify = true; // upstream spells it insecureSkipTLSVerify
    api.spec.versionPriority = '100';
    const hook = structuredClone(objs.find((o) => o.kind === 'MutatingWebhookConfiguration')!);
    hook.metadata.labels = { 'bad key': 1 };
    expect(validateObjects([api, hook])).toEqual([
      expect.stringMatching(/^APIService\/.*\.spec\.versionPriority: no upstream APIService/),
      expect.stringMatching(/^APIService\/.*\.spec\.insecureSkipTlsVerify: no upstream APIService/),
      expect.stringMatching(/^MutatingWebhookConfiguration\/.*\/metadata\/labels\/bad key: must be string/),
    ]);
  });
});

describeWithReference('Antrea v2.7.0 fidelity (antrea-ipsec.yml)', () => {
  const upstream = manifest('antrea-ipsec.yml').filter((o) => o.kind !== 'CustomResourceDefinition');
  const { objs } = synth({ trafficEncryptionMode: 'ipsec', tunnelType: 'gre', ipsecPskSecret: { name: 'antrea-ipsec', key: 'psk' } });

  test('the objects of antrea-ipsec.yml, except the placeholder PSK Secret the user provides instead', () => {
    const placeholder = upstream.find((o) => o.kind === 'Secret' && o.metadata.name === 'antrea-ipsec');
    expect(placeholder?.stringData).toEqual({ psk: 'changeme' });
    compare(objs, upstream.filter((o) => o !== placeholder));
  });
});
