import type { Construct } from 'constructs';
import { CustomResourceDefinitions } from '../common/crd-definition';
import type { CrdDefinition } from '../common/crd-definition';

/** The Argo CD annotation that orders CRDs (-1) before the CNI (0) and custom resources (1). */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/**
 * Every CRD definition Calico's manifest install ships, in the manifest's order. The definitions (~400 kB of upstream
 * schemas) load on first use, not when the library is imported.
 */
export function calicoCrdDefinitions(): readonly CrdDefinition[] {
  return (require('./crds/index') as typeof import('./crds/index')).CALICO_CRDS;
}

/** Every CRD Calico's manifest install ships (calico.yaml / canal.yaml v3.32.1), with upstream's schemas. */
export function calicoCustomResourceDefinitions(scope: Construct, argoSyncWaves: boolean): CustomResourceDefinitions {
  return new CustomResourceDefinitions(scope, 'calico-crds', {
    definitions: calicoCrdDefinitions(),
    annotations: argoSyncWaves ? { [SYNC_WAVE]: '-1' } : undefined,
  });
}
