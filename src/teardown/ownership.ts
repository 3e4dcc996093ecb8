/**
 * What a teardown may delete: the objects a spec installed, split into the primary CNI's and Multus's, and the
 * CustomResourceDefinitions that are kept by default because deleting a CRD deletes every object of its kind in the
 * cluster, not only ours (shared APIs, and CRDs another installed component uses).
 */
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { synthObjects, type KubeObject } from '../synth';

/** What a teardown or node cleanup removes: the primary CNI only, Multus only, or everything the spec installed. */
export type TeardownScope = 'primary' | 'multus' | 'all';

/** Every scope, in the order `--help` lists them. */
export const TEARDOWN_SCOPES: readonly TeardownScope[] = ['primary', 'multus', 'all'];

/**
 * API groups whose CRDs are shared: other components and users keep objects of these kinds, so a CNI that ships the
 * CRD does not own what is stored in it.
 */
export const SHARED_CRD_GROUPS: Readonly<Record<string, string>> = {
  'k8s.cni.cncf.io':
    'the Network Plumbing Working Group API: NetworkAttachmentDefinitions of every namespace live in it, and other components (SR-IOV, whereabouts, other meta-plugins) use it',
  'policy.networking.k8s.io': 'the SIG Network policy API (ClusterNetworkPolicy and friends): policies users wrote and other implementations use it',
};

/** A CRD's identity as `kubectl` addresses it. */
export interface CrdRef {
  /** `<plural>.<group>` */
  readonly name: string;
  readonly group: string;
  readonly kind: string;
}

/** A CRD a teardown keeps, and why. */
export interface KeptCrd extends CrdRef {
  readonly reason: string;
}

/** The CRD objects among `objects`, as references. */
export function crdRefs(objects: readonly KubeObject[]): CrdRef[] {
  return objects
    .filter((o) => o.kind === 'CustomResourceDefinition')
    .map((o) => {
      const spec = o.spec as { group: string; names: { kind: string } };
      return { name: o.metadata.name, group: spec.group, kind: spec.names.kind };
    });
}

const objectKey = (o: KubeObject) => `${o.apiVersion}|${o.kind}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;

/** The objects the primary CNI of `network` installs (the spec synthesized without `spec.multus`). */
export function primaryObjects(network: ResolvedClusterNetwork): KubeObject[] {
  if (!network.spec.multus) return synthObjects(network);
  const { multus: _multus, ...spec } = network.spec;
  return synthObjects({ ...network, spec } as ResolvedClusterNetwork);
}

/** The objects of `network` in `scope`, in apply order. Multus's are what `spec.multus` adds to the primary's. */
export function scopedObjects(network: ResolvedClusterNetwork, scope: TeardownScope): KubeObject[] {
  const all = synthObjects(network);
  if (scope === 'all') return all;
  const primary = new Set(primaryObjects(network).map(objectKey));
  return all.filter((o) => primary.has(objectKey(o)) === (scope === 'primary'));
}

/**
 * Why a CRD of `objects` is kept: a shared API group, or a CRD that one of `installed` (components that stay, such
 * as the next CNI or Multus) ships too. Undefined when the CRD is the teardown's to delete.
 */
export function keptCrdReason(crd: CrdRef, installed: readonly { readonly label: string; readonly crds: readonly CrdRef[] }[]): string | undefined {
  const shared = SHARED_CRD_GROUPS[crd.group];
  if (shared) return `shared: ${shared}`;
  const user = installed.find((c) => c.crds.some((other) => other.name === crd.name));
  return user ? `used by ${user.label}, which stays installed` : undefined;
}
