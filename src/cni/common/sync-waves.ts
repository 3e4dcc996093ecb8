/** Argo CD sync waves: CRDs first ("-1"), the CNI's own objects ("0", stamped by the chart), custom resources last ("1"). */

export const ARGO_SYNC_WAVE = 'argocd.argoproj.io/sync-wave';

/** Waves by role: CRDs, the CNI's own objects (the chart stamps it on everything not annotated), custom resources. */
export const SYNC_WAVES = { crd: '-1', cni: '0', customResource: '1' } as const;

/** `{ 'argocd.argoproj.io/sync-wave': wave }` when enabled, otherwise undefined (no annotations). */
export function syncWaveAnnotations(enabled: boolean, role: keyof typeof SYNC_WAVES): Record<string, string> | undefined {
  return enabled ? { [ARGO_SYNC_WAVE]: SYNC_WAVES[role] } : undefined;
}
