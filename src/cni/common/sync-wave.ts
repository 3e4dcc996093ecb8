/**
 * Argo CD sync waves: CRDs are applied first ("-1"), then the CNI's own objects ("0", stamped by the chart on
 * everything not annotated), then custom resources that need the CRDs ("1"). The one place for the key and values.
 */

/** The Argo CD annotation that orders what a sync applies. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** The wave of each kind of object. */
export const SYNC_WAVES = {
  /** CustomResourceDefinitions. */
  crd: '-1',
  /** The CNI's workloads, RBAC and config (the chart's default). */
  cni: '0',
  /** Custom resources (IPPool, ENIConfig …), after their CRDs. */
  cr: '1',
} as const;

/** A kind of object in the sync order. */
export type SyncWave = keyof typeof SYNC_WAVES;

/** `{ 'argocd.argoproj.io/sync-wave': <wave> }` when waves are on, else `undefined` (no annotation). */
export function syncWaveAnnotations(enabled: boolean, wave: SyncWave): Record<string, string> | undefined {
  return enabled ? { [SYNC_WAVE_ANNOTATION]: SYNC_WAVES[wave] } : undefined;
}
