/** `spec.multus.whereabouts`: how whereabouts is installed for networks with whereabouts IPAM. Leaf module: schema only. */
import { z } from 'zod';
import { cniCommonShape, strictObject } from '../../../spec/zod-helpers';

/** whereabouts' default reconciler schedule (doc/crds/daemonset-install.yaml, ConfigMap `whereabouts-config`). */
export const DEFAULT_RECONCILER_CRON_EXPRESSION = '30 4 * * *';

export const whereaboutsSpecSchema = strictObject(
  {
    install: z
      .boolean()
      .default(true)
      .meta({ description: 'Install whereabouts when a network uses whereabouts IPAM. Set false when whereabouts is installed otherwise (Helm chart, operator).' }),
    ...cniCommonShape,
    reconciler_cron_expression: z
      .string()
      .default(DEFAULT_RECONCILER_CRON_EXPRESSION)
      .meta({ description: 'When the reconciler frees leaked addresses: 5-field cron in UTC (ConfigMap whereabouts-config, key cron-expression). Default "30 4 * * *".' }),
  },
  'whereabouts install (k8snetworkplumbingwg/whereabouts v0.9.4), added automatically when a network uses whereabouts IPAM.',
);

export type WhereaboutsSpec = z.input<typeof whereaboutsSpecSchema>;
export type ResolvedWhereaboutsSpec = z.output<typeof whereaboutsSpecSchema>;
