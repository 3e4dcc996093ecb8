import type { Construct } from 'constructs';
import { CustomResourceDefinitions } from '../crd-definition';
import { syncWaveAnnotations } from '../sync-waves';
import { CALICO_CRDS } from './crds/index';

/** Every CRD Calico's manifest install ships (calico.yaml / canal.yaml v3.32.1), with upstream's schemas. */
export function calicoCustomResourceDefinitions(scope: Construct, argoSyncWaves: boolean): CustomResourceDefinitions {
  return new CustomResourceDefinitions(scope, 'calico-crds', {
    definitions: CALICO_CRDS,
    annotations: syncWaveAnnotations(argoSyncWaves, 'crd'),
  });
}
