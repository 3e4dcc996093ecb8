/**
 * Whereabouts construct vs upstream v0.9.4 doc/crds (../shared/reference/whereabouts): the same objects, object by
 * object. Intended differences: the image `:latest` → `:v0.9.4` (SOURCES.md: the release workflow pushes the git tag);
 * node-slice-controller.yaml is a dump of a live Deployment, so the fields the API server fills in (the projected
 * `kube-api-access-*` token volume and its mount, `serviceAccount`, `priority`, `preemptionPolicy`, `schedulerName`,
 * `restartPolicy`, `terminationGracePeriodSeconds`, `securityContext: {}`, `terminationMessagePath/Policy`, hostPath
 * `type: ""`) are not written by us.
 */
import { Chart, Testing } from 'cdk8s';
import { Whereabouts } from '../src/cni/multus/whereabouts/whereabouts';
import type { WhereaboutsProps } from '../src/cni/multus/whereabouts/props';
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import { describeWithReference, referencePath } from './support/shared';
import { validateObjects } from './support/schema-validation';

const UPSTREAM_IMAGE = 'ghcr.io/k8snetworkplumbingwg/whereabouts:latest';
const PINNED_IMAGE = 'ghcr.io/k8snetworkplumbingwg/whereabouts:v0.9.4';

function synth(props: WhereaboutsProps = {}): any[] {
  const chart = new Chart(Testing.app(), 'test');
  new Whereabouts(chart, 'whereabouts', props);
  return Testing.synth(chart);
}

/**
 * A reference file as kubectl reads it: sigs.k8s.io/yaml uses go-yaml v2 (YAML 1.1), where reconciler-deployment.yaml's
 * `defaultMode: 0744` is octal (484, as the live dump node-slice-controller.yaml shows), not decimal 744 as in YAML 1.2.
 */
function readReferenceYaml(file: string): any[] {
  return parseAllDocuments(readFileSync(referencePath('whereabouts', file), 'utf8'), { version: '1.1' })
    .map((d) => d.toJS())
    .filter((d) => d !== null && d !== undefined);
}

const key = (o: any) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const byKey = (objs: any[]) => new Map(objs.map((o) => [key(o), o]));

/** Upstream's object with the pinned image (every container of every whereabouts workload). */
function pinned(o: any): any {
  const c = structuredClone(o);
  for (const ct of c.spec?.template?.spec?.containers ?? []) if (ct.image === UPSTREAM_IMAGE) ct.image = PINNED_IMAGE;
  return c;
}

/** node-slice-controller.yaml without what the API server filled in when it was dumped from a cluster. */
function withoutServerDefaults(o: any): any {
  const c = pinned(o);
  const pod = c.spec.template.spec;
  for (const f of ['preemptionPolicy', 'priority', 'restartPolicy', 'schedulerName', 'securityContext', 'serviceAccount', 'terminationGracePeriodSeconds']) delete pod[f];
  pod.volumes = pod.volumes.filter((v: any) => !v.name.startsWith('kube-api-access-'));
  for (const v of pod.volumes) if (v.hostPath?.type === '') delete v.hostPath.type;
  for (const ct of pod.containers) {
    delete ct.terminationMessagePath;
    delete ct.terminationMessagePolicy;
    ct.volumeMounts = ct.volumeMounts.filter((m: any) => !m.name.startsWith('kube-api-access-'));
  }
  return c;
}

describeWithReference('Whereabouts vs whereabouts v0.9.4 doc/crds', () => {
  const upstream = [
    ...readReferenceYaml('daemonset-install.yaml'),
    ...readReferenceYaml('reconciler-deployment.yaml'),
    ...readReferenceYaml('whereabouts.cni.cncf.io_ippools.yaml'),
    ...readReferenceYaml('whereabouts.cni.cncf.io_overlappingrangeipreservations.yaml'),
  ];
  const ours = synth();

  test('the same objects as the README install (daemonset-install, reconciler-deployment, IPPool and OverlappingRangeIPReservation CRDs)', () => {
    expect(ours.map(key).sort()).toEqual(upstream.map(key).sort());
  });

  test.each(upstream.map((o) => [key(o), o] as const))('%s equals upstream (image pinned)', (k, ref) => {
    expect(byKey(ours).get(k)).toEqual(pinned(ref));
  });

  test('every object validates (Kubernetes schemas)', () => {
    expect(validateObjects(ours)).toEqual([]);
  });

  describe('with node slices', () => {
    const sliced = synth({ nodeSlices: true });
    const extra = [...readReferenceYaml('whereabouts.cni.cncf.io_nodeslicepools.yaml'), ...readReferenceYaml('node-slice-controller.yaml')];

    test('adds exactly the NodeSlicePool CRD and the whereabouts-controller Deployment', () => {
      expect(sliced.map(key).sort()).toEqual([...upstream, ...extra].map(key).sort());
    });

    test('the NodeSlicePool CRD is upstream\'s', () => {
      expect(byKey(sliced).get('CustomResourceDefinition//nodeslicepools.whereabouts.cni.cncf.io')).toEqual(extra[0]);
    });

    test('the controller equals node-slice-controller.yaml without the server-filled fields of the live dump (image pinned)', () => {
      expect(byKey(sliced).get('Deployment/kube-system/whereabouts-controller')).toEqual(withoutServerDefaults(extra[1]));
    });

    test('every object validates', () => {
      expect(validateObjects(sliced)).toEqual([]);
    });
  });
});
