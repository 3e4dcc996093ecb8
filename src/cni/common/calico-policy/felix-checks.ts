/** Checks of the Felix settings Calico and Canal share: the `felix.extra` escape hatch. */
import { formatPath, type IssueCollector } from '../../../spec/issues';
import { checkAgainstSchema, type OpenApiSchema } from './openapi-check';
import { FELIX_RULES } from './rules';
import { felixSchema, type ResolvedFelix } from './spec';

/** The FelixConfiguration fields the spec models (everything in `felix` but `extra`). */
export const MODELLED_FELIX_FIELDS: readonly string[] = Object.keys(felixSchema.shape).filter((k) => k !== 'extra');

/** The `spec` schema of the pinned FelixConfiguration CRD (loaded on first use). */
export function felixSpecSchema(): OpenApiSchema {
  const crd = (require('../../../generated/calico/felixconfigurations') as typeof import('../../../generated/calico/felixconfigurations')).felixConfigurationCrd;
  const root = crd.versions[0].schema.openAPIV3Schema as { properties: { spec: OpenApiSchema } };
  return root.properties.spec;
}

/**
 * `felix.extra`: no field the spec models, every field and value one the FelixConfiguration CRD accepts, and a
 * warning naming the fields written unchecked.
 */
export function validateFelix(felix: ResolvedFelix | undefined, path: string, issues: IssueCollector): void {
  const extra = felix?.extra;
  if (!extra || Object.keys(extra).length === 0) return;
  const base = `${path}.extra`;
  const unmodelled: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(extra)) {
    if (MODELLED_FELIX_FIELDS.includes(field)) issues.report(FELIX_RULES.extraModelled, `${base}.${field}`, { field });
    else unmodelled[field] = value;
  }
  for (const p of checkAgainstSchema(unmodelled, felixSpecSchema())) issues.report(FELIX_RULES.extraSchema, formatPath([base, ...p.path]), { detail: p.detail });
  if ('routeTableRange' in extra && 'routeTableRanges' in extra) issues.report(FELIX_RULES.extraExclusive, `${base}.routeTableRanges`, {});
  issues.report(FELIX_RULES.extraInUse, base, { fields: Object.keys(extra).sort().join(', ') });
}
