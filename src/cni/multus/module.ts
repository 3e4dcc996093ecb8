/** `spec.multus` → constructs and checks. */
import type { Construct } from 'constructs';
import type { IssueCollector } from '../../spec/issues';
import type { BuildContext } from '../common/cni-module';
import { syncWaveAnnotations } from '../common/sync-waves';
import { Multus } from './multus';
import { NetworkAttachmentDefinition, type NetworkAttachmentDefinitionProps } from './network-attachment-definition';
import type { ResolvedMultus } from './spec';
import { validateNetwork, validateNetworkSet } from './validate-network';

/** Spec networks are NetworkAttachmentDefinition props as they stand (the schema mirrors the props). */
export function networkProps(multus: ResolvedMultus): NetworkAttachmentDefinitionProps[] {
  return multus.networks;
}

/** Checks `spec.multus` after its shape was validated. */
export function validateMultus(multus: ResolvedMultus, issues: IssueCollector): void {
  const nets = networkProps(multus).map((n) => ({ ...n, namespace: n.namespace ?? 'default' }));
  const pathOf = (i: number) => `spec.multus.networks[${i}]`;
  nets.forEach((n, i) => validateNetwork(n, pathOf(i), issues));
  validateNetworkSet(nets, pathOf, issues);
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
