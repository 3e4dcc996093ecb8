import type { Construct } from 'constructs';
import { CustomResourceDefinitions } from '../common/crd-definition';
import { CALICO_CRDS } from './crds/index';

/** The Argo CD annotation that orders CRDs (-1) before the CNI (0) and custom resources (1). */
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** Every CRD Calico's manifest install ships (calico.yaml / canal.yaml v3.32.1), with upstream's schemas. */
export function calicoCustomResourceDefinitions(scope: Construct, argoSyncWaves: boolean): CustomResourceDefinitions {
  return new CustomResourceDefinitions(scope, 'calico-crds', {
    definitions: CALICO_CRDS,
    annotations: argoSyncWaves ? { [SYNC_WAVE]: '-1' } : undefined,
  });
}
