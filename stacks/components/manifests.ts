/**
 * Applies a network spec's Kubernetes objects to any cluster: the exact objects `synthObjects` produces (what
 * `cdk8s-cni synth` writes), CRDs first and custom resources only once their CRDs exist.
 */
import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import type { ClusterNetworkSpec } from '../../src/spec/schema';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import { validateClusterNetwork } from '../../src/spec/validate';
import { synthObjects, type KubeObject } from '../../src/synth';
import { StackConfigError } from '../errors';

export interface ClusterNetworkManifestsArgs {
  /** The ClusterNetwork document (validated here, before anything is registered) or a resolved network. */
  readonly network: ClusterNetworkSpec | ResolvedClusterNetwork;
  /** Provider for the target cluster (built from its kubeconfig). */
  readonly provider: k8s.Provider;
  /**
   * Whether Pulumi waits for workloads to become ready (Deployments with available replicas, Services with endpoints).
   * Turn it off when the stage is applied before any node exists (EKS without self-managed add-ons): those objects
   * can only become ready once nodes run them, and the nodes are created after this stage, so waiting deadlocks.
   * CRDs are always awaited (the API server establishes them without nodes).
   * @default true
   */
  readonly awaitWorkloads?: boolean;
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

/** Validates a network given to a component; throws a {@link StackConfigError} (nothing registered yet). */
export function networkOf(network: ClusterNetworkSpec | ResolvedClusterNetwork, what: string): { network: ResolvedClusterNetwork; warnings: ReturnType<typeof validateClusterNetwork>['warnings'] } {
  const r = validateClusterNetwork(network);
  if (!r.ok) throw new StackConfigError(r.issues, what);
  return { network: r.network, warnings: r.warnings };
}

/**
 * A ClusterNetwork's objects on a cluster. One `yaml.ConfigGroup` per stage (one typed Pulumi resource per object):
 * `crds`, then `objects` (depends on the CRDs) and `custom-resources` (depends on both, so a custom resource never
 * races its CRD or its controller's RBAC). Give `deletedWith: <the cluster>` when the cluster goes with the stack:
 * `pulumi destroy` then deletes the cluster without calling its API for every object.
 */
export class ClusterNetworkManifests extends pulumi.ComponentResource {
  /** The CRD stage (absent when the CNI ships no CRDs). */
  public readonly crds?: k8s.yaml.ConfigGroup;
  /** Built-in kinds: namespaces, RBAC, ConfigMaps, DaemonSets, Deployments … */
  public readonly objects: k8s.yaml.ConfigGroup;
  /** Custom resources (IPPools, ENIConfigs …), absent when there are none. */
  public readonly customResources?: k8s.yaml.ConfigGroup;
  /** Resources anything that needs the network (node groups, workloads) can depend on. */
  public readonly ready: pulumi.Resource[];

  /** The applied objects, as `synthObjects` made them. */
  public readonly appliedObjects: readonly KubeObject[];

  public constructor(name: string, args: ClusterNetworkManifestsArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const objects = synthObjects(networkOf(args.network, `network for ${name}`).network);
    super('cdk8s-cni:index:ClusterNetworkManifests', name, {}, opts);
    this.appliedObjects = objects;
    const { crds, builtins, customResources } = partitionObjects(objects);
    // The SDK does not pass deletedWith on to children: every object (the ConfigGroups' children too) gets it here.
    const deletedWith = opts.deletedWith;
    const inherit: pulumi.ResourceTransformation[] = deletedWith ? [(a) => ({ props: a.props, opts: pulumi.mergeOptions(a.opts, { deletedWith }) })] : [];
    const child = (deps: pulumi.Resource[]): pulumi.ComponentResourceOptions => ({ parent: this, provider: args.provider, dependsOn: deps, transformations: inherit });
    // skipAwait annotates every object `pulumi.com/skipAwait: "true"`: created, not waited on.
    const skipAwait = args.awaitWorkloads === false;
    this.crds = crds.length > 0 ? new k8s.yaml.ConfigGroup(`${name}-crds`, { objs: crds }, child([])) : undefined;
    const afterCrds = this.crds ? [this.crds] : [];
    this.objects = new k8s.yaml.ConfigGroup(`${name}-objects`, { objs: builtins, skipAwait }, child(afterCrds));
    this.customResources =
      customResources.length > 0 ? new k8s.yaml.ConfigGroup(`${name}-custom-resources`, { objs: customResources, skipAwait }, child([...afterCrds, this.objects])) : undefined;
    this.ready = [...afterCrds, this.objects, ...(this.customResources ? [this.customResources] : [])];
    this.registerOutputs({});
  }
}
