/**
 * The contract every CNI implements so the spec layer, the IP plan, the chart and the CLI can treat them alike.
 * A CNI folder exports one `CniModule` (its `module.ts`) and registers it in `src/cni/registry.ts`.
 */
import type { Construct } from 'constructs';
import type { IssueCollector } from '../../spec/issues';
import type { ResolvedCni } from '../../spec/cni-schema';
import type { ResolvedClusterNetwork } from '../../spec/resolve';

/** A resolved network whose `spec.cni` is narrowed to one CNI type. */
export type NetworkWith<C extends ResolvedCni> = ResolvedClusterNetwork & { readonly spec: { readonly cni: C } };

/**
 * How a CNI gives pods their addresses, which decides the common IP-plan checks:
 * - `node-cidr`: Kubernetes allocates one `nodeMaskSize` block per node from `pods.cidrs` (Flannel, Canal, Cilium
 *   `kubernetes` IPAM); the common checks count node blocks and pods per block.
 * - `cni-ipam`: the CNI carves its own blocks (Calico pools, Cilium cluster-pool, Weave); the CNI's module checks them.
 * - `underlay`: pods take underlay addresses (AWS VPC CNI, Azure CNI vnet/podsubnet): `pods.cidrs` lie inside
 *   `nodes.cidrs` instead of apart from them.
 */
export type PodAddressing = 'node-cidr' | 'cni-ipam' | 'underlay';

/** One row of the `plan` table: a label and its value. */
export interface PlanRow {
  readonly label: string;
  readonly value: string;
}

/**
 * Traffic a CNI needs between nodes, as data for firewalls (EKS security groups, AKS NSGs, kubeadm VMs).
 * Values come from the upstream manifests (ports the agents listen on, encapsulation protocols).
 */
export interface NodeTrafficRule {
  /** `tcp`, `udp`, or an IP protocol number as a string (`'4'` for IP-in-IP, `'50'` for ESP). */
  readonly protocol: 'tcp' | 'udp' | string;
  /** First port (omitted for protocols without ports). */
  readonly fromPort?: number;
  /** Last port, inclusive. @default fromPort */
  readonly toPort?: number;
  /** Why the CNI needs it, e.g. `VXLAN overlay`, `BGP`, `Cilium health checks`. */
  readonly description: string;
}

/** Options the chart passes to every CNI when building. */
export interface BuildContext {
  /** A scope for CustomResourceDefinitions: a separate chart that is synthesized (and applied) before this one. */
  crdScope(): Construct;
  /** Add `argocd.argoproj.io/sync-wave` annotations (CRDs -1, everything else 0, custom resources 1). */
  readonly argoSyncWaves: boolean;
}

/** Underlay ranges as the spec states them (see {@link CniModule.underlayRanges}). */
export interface UnderlayRanges {
  /** Path of the list, e.g. `spec.cni.vnet.cidrs`; entries are reported at `path[i]`. */
  readonly path: string;
  /** The ranges; undefined when the spec gives none. */
  readonly cidrs?: readonly string[];
  /** Where else the user may state them, for the "is required" message, e.g. `spec.cni.vnet.cidrs`. @default - none */
  readonly alternative?: string;
}

export interface CniModule<C extends ResolvedCni = ResolvedCni> {
  readonly type: C['type'];
  /** Human name for reports, e.g. `Flannel v0.28.9`. */
  displayName(network: NetworkWith<C>): string;
  podAddressing(network: NetworkWith<C>): PodAddressing;
  /** The MTU pods get: underlay MTU minus this CNI's encapsulation overhead. */
  podMtu(network: NetworkWith<C>): number;
  /**
   * `spec.pods.maxPerNode` when the user leaves it out, if this CNI knows better than Kubernetes' 110 (the AWS VPC CNI:
   * the max pods of the smallest instance type). Return undefined when it cannot be computed (invalid input).
   */
  defaultMaxPerNode?(network: NetworkWith<C>): number | undefined;
  /**
   * `spec.services.cidrs` when the user leaves it out, if this CNI's platform has its own default (AKS: 10.0.0.0/16).
   * @default - [10.96.0.0/12] for single-stack IPv4 (kubeadm), none otherwise
   */
  defaultServiceCidrs?(network: NetworkWith<C>): readonly string[] | undefined;
  /**
   * `spec.nodes.mtu` when the user leaves it out, if this CNI's underlay has another default (AWS ENIs: 9001).
   * @default 1500
   */
  defaultUnderlayMtu?(network: NetworkWith<C>): number;
  /**
   * The underlay (VPC / VNet) ranges, with the spec path they come from, when the CNI lets users state them in its
   * own field (Azure `spec.cni.vnet.cidrs`). The common checks compare them with the pod and service ranges and,
   * for `underlay` addressing, require the pod ranges inside them.
   * @default - spec.nodes.cidrs
   */
  underlayRanges?(network: NetworkWith<C>): UnderlayRanges;
  /** CNI-specific semantic checks; shape and common IP-plan checks have already run. */
  validate(network: NetworkWith<C>, issues: IssueCollector): void;
  /** Adds this CNI's objects to `scope`. Called only with a network that passed validation. */
  build(scope: Construct, network: NetworkWith<C>, ctx: BuildContext): void;
  /** Extra rows for the `plan` table. */
  planRows?(network: NetworkWith<C>): PlanRow[];
  /** Extra Markdown sections for the `plan` report (e.g. max pods per instance type). */
  planSections?(network: NetworkWith<C>): string[];
  /** Traffic this CNI needs between nodes (see {@link NodeTrafficRule}). */
  nodeTraffic(network: NetworkWith<C>): NodeTrafficRule[];
  /** True when the CNI replaces kube-proxy (kubeadm then skips the kube-proxy addon phase). @default false */
  replacesKubeProxy?(network: NetworkWith<C>): boolean;
  /** The spec field that turns the kube-proxy replacement on, for error paths. @default 'spec.cni.kubeProxyReplacement' */
  readonly kubeProxyReplacementPath?: string;
  /** True when pods are routed natively between nodes (clouds must then disable source/destination checks). */
  routesNatively?(network: NetworkWith<C>): boolean;
}
