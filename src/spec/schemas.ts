/**
 * The zod schemas of the ClusterNetwork document, loaded on first use. Importing the library (the constructs) does not
 * load zod; validating, loading or exporting a spec does (BENCHMARKS.md, cold import).
 */
export { API_VERSION, KIND } from './api-version';

/** Every schema the library defines: the document, `spec.cni` (all types) and `spec.multus`. */
export type SpecSchemas = typeof import('./schema') & typeof import('./cni-schema') & typeof import('../cni/multus/spec');

let loaded: SpecSchemas | undefined;

/** The zod schemas (e.g. `specSchemas().clusterNetworkSchema.safeParse(doc)`); the first call loads zod. */
export function specSchemas(): SpecSchemas {
  loaded ??= {
    ...(require('./schema') as typeof import('./schema')),
    ...(require('./cni-schema') as typeof import('./cni-schema')),
    ...(require('../cni/multus/spec') as typeof import('../cni/multus/spec')),
  };
  return loaded;
}
