/** `spec.multus` → constructs and checks. */
import type { Construct } from 'constructs';
import type { IssueCollector } from '../../spec/issues';
import { Cidr } from '../../plan/cidr';
import type { BuildContext } from '../common/cni-module';
import { syncWaveAnnotations } from '../common/sync-waves';
import { Multus } from './multus';
import { NetworkAttachmentDefinition, type NetworkAttachmentDefinitionProps } from './network-attachment-definition';
import type { ResolvedMultus } from './spec';
import { MULTUS_RULES } from './rules';
import { validateNetwork, validateNetworksAgainstCluster, validateNetworkSet, type ClusterRange } from './validate-network';
import { installsWhereabouts, validateWhereabouts } from './whereabouts/module';

/** Spec networks are NetworkAttachmentDefinition props as they stand (the schema mirrors the props). */
export function networkProps(multus: ResolvedMultus): NetworkAttachmentDefinitionProps[] {
  return multus.networks;
}

/** The cluster's own ranges (`spec.pods|services|nodes.cidrs`), which secondary networks must stay apart from. */
export interface ClusterRangesSpec {
  readonly pods: { readonly cidrs: readonly string[] };
  readonly services: { readonly cidrs: readonly string[] };
  readonly nodes: { readonly cidrs?: readonly string[]; readonly count?: number };
}

function clusterRanges(spec: ClusterRangesSpec): ClusterRange[] {
  const of = (list: readonly string[] | undefined, path: string, what: string): ClusterRange[] =>
    (list ?? []).flatMap((text, i) => {
      const c = Cidr.parse(text);
      return typeof c === 'string' ? [] : [{ path: `${path}[${i}]`, what, cidr: Cidr.of(c.toString()) }];
    });
  return [...of(spec.pods.cidrs, 'spec.pods.cidrs', 'pod'), ...of(spec.services.cidrs, 'spec.services.cidrs', 'service'), ...of(spec.nodes.cidrs, 'spec.nodes.cidrs', 'node')];
}

const pathOf = (i: number) => `spec.multus.networks[${i}]`;

/**
 * Checks `spec.multus` after its shape was validated, against the cluster's pod, service and node ranges, and warns
 * about what a valid network still needs from outside this library: whereabouts IPAM needs whereabouts installed (added
 * automatically unless `spec.multus.whereabouts.install` is false) and dhcp IPAM needs the CNI `dhcp` daemon on every
 * node; without them pod ADD fails.
 */
export function validateMultus(multus: ResolvedMultus, issues: IssueCollector, cluster?: ClusterRangesSpec): void {
  const nets = networkProps(multus).map((n) => ({ ...n, namespace: n.namespace ?? 'default' }));
  nets.forEach((n, i) => validateNetwork(n, pathOf(i), issues));
  validateNetworkSet(nets, pathOf, issues);
  if (cluster) validateNetworksAgainstCluster(nets, pathOf, clusterRanges(cluster), issues);
  validateWhereabouts(multus, issues, cluster?.nodes.count);
  const whereaboutsInstalled = installsWhereabouts(multus);
  nets.forEach((n, i) => {
    const id = `${n.namespace}/${n.name}`;
    if (n.ipam?.type === 'whereabouts' && !whereaboutsInstalled) issues.report(MULTUS_RULES.whereaboutsNotInstalled, `${pathOf(i)}.ipam`, { id });
    if (n.ipam?.type === 'dhcp') issues.report(MULTUS_RULES.dhcpDaemon, `${pathOf(i)}.ipam`, { id });
  });
}

/** Adds Multus (CRD into the CRD chart) and one NetworkAttachmentDefinition per network. */
export function buildMultus(scope: Construct, multus: ResolvedMultus, ctx: BuildContext): Multus {
  const m = new Multus(scope, 'multus', {
    mode: multus.mode,
    version: multus.version,
    imageRegistry: multus.imageRegistry,
    crdScope: ctx.crdScope(),
    crdAnnotations: syncWaveAnnotations(ctx.argoSyncWaves, 'crd'),
  });
  for (const props of networkProps(multus)) {
    new NetworkAttachmentDefinition(scope, `nad-${props.namespace}-${props.name}`, {
      ...props,
      annotations: syncWaveAnnotations(ctx.argoSyncWaves, 'customResource'),
    });
  }
  return m;
}
