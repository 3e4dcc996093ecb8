/**
 * Applies a network spec's Kubernetes objects to a cluster: the exact objects `synthObjects` produces (what
 * `cdk8s-cni synth` writes), CRDs first and custom resources only once their CRDs exist.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { KubeObject } from '../src/synth';

export interface ClusterManifestsArgs {
  /** The objects to apply, as `synthObjects(network)` returns them. */
  readonly objects: readonly KubeObject[];
  /** Provider for the target cluster (built from its kubeconfig). */
  readonly provider: k8s.Provider;
}

const CRD_KIND = 'CustomResourceDefinition';

/** Splits objects into CRDs, built-in kinds, and custom resources (kinds one of the CRDs defines). */
export function partitionObjects(objects: readonly KubeObject[]): { crds: KubeObject[]; builtins: KubeObject[]; customResources: KubeObject[] } {
  const crds = objects.filter((o) => o.kind === CRD_KIND);
  const crdKinds = new Set(
    crds.map((c) => {
      const spec = c.spec as { group: string; names: { kind: string } };
      return `${spec.group}/${spec.names.kind}`;
    }),
  );
  const isCustom = (o: KubeObject) => o.kind !== CRD_KIND && crdKinds.has(`${o.apiVersion.split('/')[0]}/${o.kind}`);
  return {
    crds,
    builtins: objects.filter((o) => o.kind !== CRD_KIND && !isCustom(o)),
    customResources: objects.filter(isCustom),
  };
}

/**
 * One `yaml.ConfigGroup` per stage (one typed Pulumi resource per object): `crds`, then `objects` (depends on the
 * CRDs) and `custom-resources` (depends on both, so a custom resource never races its CRD or its controller's RBAC).
 */
export class ClusterManifests extends pulumi.ComponentResource {
  /** The CRD stage (absent when the CNI ships no CRDs). */
  public readonly crds?: k8s.yaml.ConfigGroup;
  /** Built-in kinds: namespaces, RBAC, ConfigMaps, DaemonSets, Deployments … */
  public readonly objects: k8s.yaml.ConfigGroup;
  /** Custom resources (IPPools, ENIConfigs …), absent when there are none. */
  public readonly customResources?: k8s.yaml.ConfigGroup;
  /** Resources anything that needs the network (node groups, workloads) can depend on. */
  public readonly ready: pulumi.Resource[];

  public constructor(name: string, args: ClusterManifestsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super('cdk8s-cni:index:ClusterManifests', name, {}, opts);
    const { crds, builtins, customResources } = partitionObjects(args.objects);
    const child = (deps: pulumi.Resource[]): pulumi.ComponentResourceOptions => ({ parent: this, provider: args.provider, dependsOn: deps });
    this.crds = crds.length > 0 ? new k8s.yaml.ConfigGroup(`${name}-crds`, { objs: crds }, child([])) : undefined;
    const afterCrds = this.crds ? [this.crds] : [];
    this.objects = new k8s.yaml.ConfigGroup(`${name}-objects`, { objs: builtins }, child(afterCrds));
    this.customResources = customResources.length > 0 ? new k8s.yaml.ConfigGroup(`${name}-custom-resources`, { objs: customResources }, child([...afterCrds, this.objects])) : undefined;
    this.ready = [...afterCrds, this.objects, ...(this.customResources ? [this.customResources] : [])];
    this.registerOutputs({});
  }
}
