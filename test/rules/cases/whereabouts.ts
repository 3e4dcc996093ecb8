/** Cases of the whereabouts install rules (src/cni/multus/whereabouts/rules.ts). */
import { Chart, Testing } from 'cdk8s';
import { Whereabouts } from '../../../src/cni/multus/whereabouts/whereabouts';
import { specCase, specWith, type RuleCase } from '../support';

const DP = { name: 'dp', plugin: { type: 'sriov', resourceName: 'intel.com/sriov_a' }, ipam: { type: 'whereabouts', range: '10.30.0.0/24' } };
const withSchedule = (reconciler_cron_expression: string) => specWith({ multus: { networks: [DP], whereabouts: { reconciler_cron_expression } } });

/** The issues of a `Whereabouts` construct with this schedule (TypeScript users skip the spec; checked at synth). */
const constructIssues = (reconcilerCronExpression: string) => () => new Whereabouts(new Chart(Testing.app(), 'c'), 'whereabouts', { reconcilerCronExpression }).issues();

export const WHEREABOUTS_CASES: RuleCase[] = [
  specCase('whereabouts/cron-expression-invalid', 'a 6-field (seconds) schedule', withSchedule('0 30 4 * * *'), withSchedule('30 4 * * *')),
  specCase('whereabouts/cron-expression-invalid', 'an hour out of range', withSchedule('0 24 * * *'), withSchedule('0 23 * * *')),
  specCase('whereabouts/cron-expression-invalid', 'day of week 7 (robfig/cron counts 0-6)', withSchedule('0 4 * * 7'), withSchedule('0 4 * * SUN')),
  specCase('whereabouts/cron-expression-invalid', 'an unknown descriptor', withSchedule('@fortnightly'), withSchedule('@every 6h')),
  {
    rule: 'whereabouts/cron-expression-invalid',
    name: 'the Whereabouts construct checks its schedule at synth',
    refuses: constructIssues('30 4 * *'),
    accepts: constructIssues('*/15 * * * *'),
  },
];
