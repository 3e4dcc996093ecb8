import type { Construct } from 'constructs';
import { CustomResourceDefinitions, type CrdDefinition } from '../common/crd-definition';
import { syncWaveAnnotations } from '../common/sync-waves';

/**
 * Every CRD antrea.yml v2.7.0 ships (src/generated/antrea/crds, from scripts/gen-antrea-crds.ts). The definitions
 * (~900 kB of upstream schemas) load on first use, not when the library is imported.
 */
export function antreaCrdDefinitions(): readonly CrdDefinition[] {
  return (require('../../generated/antrea/crds/index') as typeof import('../../generated/antrea/crds/index')).ANTREA_CRDS;
}

/** Antrea's CRDs with upstream's schemas, labels and the IPPool conversion webhook. */
export function antreaCustomResourceDefinitions(scope: Construct, argoSyncWaves: boolean): CustomResourceDefinitions {
  return new CustomResourceDefinitions(scope, 'antrea-crds', { definitions: antreaCrdDefinitions(), annotations: syncWaveAnnotations(argoSyncWaves, 'crd') });
}
