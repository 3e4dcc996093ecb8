import type { Construct } from 'constructs';
import { CustomResourceDefinitions, type CrdDefinition } from '../crd-definition';
import { syncWaveAnnotations } from '../sync-waves';

/**
 * Every CRD definition Calico's manifest install ships, in the manifest's order. The definitions (~400 kB of upstream
 * schemas) load on first use, not when the library is imported (BENCHMARKS.md, cold import).
 */
export function calicoCrdDefinitions(): readonly CrdDefinition[] {
  return (require('../../../generated/calico/index') as typeof import('../../../generated/calico/index')).CALICO_CRDS;
}

/** Every CRD Calico's manifest install ships (calico.yaml / canal.yaml v3.32.1), with upstream's schemas. */
export function calicoCustomResourceDefinitions(scope: Construct, argoSyncWaves: boolean): CustomResourceDefinitions {
  return new CustomResourceDefinitions(scope, 'calico-crds', {
    definitions: calicoCrdDefinitions(),
    annotations: syncWaveAnnotations(argoSyncWaves, 'crd'),
  });
}
