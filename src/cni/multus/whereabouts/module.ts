/** `spec.multus` → the whereabouts install: added when a network uses whereabouts IPAM, unless `whereabouts.install` is false. */
import type { Construct } from 'constructs';
import type { BuildContext } from '../../common/cni-module';
import type { IssueCollector } from '../../../spec/issues';
import type { MultusNetworkSpec, ResolvedMultus } from '../spec';
import { cronExpressionProblem } from './cron';
import { checkNodeSlices } from './node-slices';
import { WHEREABOUTS_RULES } from './rules';
import { DEFAULT_RECONCILER_CRON_EXPRESSION } from './spec';
import { Whereabouts } from './whereabouts';

type WhereaboutsNetwork = MultusNetworkSpec & { readonly ipam: { readonly type: 'whereabouts' } };

/** The networks with whereabouts IPAM. */
export function whereaboutsNetworks(multus: ResolvedMultus): WhereaboutsNetwork[] {
  return multus.networks.filter((n): n is WhereaboutsNetwork => n.ipam?.type === 'whereabouts');
}

/** Whether the spec installs whereabouts: some network uses it and `spec.multus.whereabouts.install` is not false. */
export function installsWhereabouts(multus: ResolvedMultus): boolean {
  return whereaboutsNetworks(multus).length > 0 && (multus.whereabouts?.install ?? true);
}

/**
 * Checks node slicing of every whereabouts network (whoever installs whereabouts) and, when this library installs it,
 * `spec.multus.whereabouts`. `nodes` is the planned node count (`spec.nodes.count`), when known.
 */
export function validateWhereabouts(multus: ResolvedMultus, issues: IssueCollector, nodes?: number): void {
  multus.networks.forEach((n, i) => {
    if (n.ipam?.type === 'whereabouts' && n.ipam.node_slice_size !== undefined) checkNodeSlices(n.ipam.range, n.ipam.node_slice_size, `spec.multus.networks[${i}].ipam`, issues, nodes);
  });
  if (!installsWhereabouts(multus)) return;
  const expression = multus.whereabouts?.reconciler_cron_expression ?? DEFAULT_RECONCILER_CRON_EXPRESSION;
  const why = cronExpressionProblem(expression);
  if (why) issues.report(WHEREABOUTS_RULES.cronExpressionInvalid, 'spec.multus.whereabouts.reconciler_cron_expression', { expression, why });
}

/** Adds whereabouts (CRDs into the CRD chart) when the spec installs it; node slices when a network sets `node_slice_size`. */
export function buildWhereabouts(scope: Construct, multus: ResolvedMultus, ctx: BuildContext): Whereabouts | undefined {
  if (!installsWhereabouts(multus)) return undefined;
  const w = multus.whereabouts;
  return new Whereabouts(scope, 'whereabouts', {
    version: w?.version,
    imageRegistry: w?.imageRegistry ?? multus.imageRegistry,
    reconcilerCronExpression: w?.reconciler_cron_expression,
    nodeSlices: whereaboutsNetworks(multus).some((n) => n.ipam.node_slice_size !== undefined),
    crdScope: ctx.crdScope(),
    argoSyncWaves: ctx.argoSyncWaves,
  });
}
