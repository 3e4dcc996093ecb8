/** Cases of the whereabouts install rules (src/cni/multus/whereabouts/rules.ts). */
import { Chart, Testing } from 'cdk8s';
import { Whereabouts } from '../../../src/cni/multus/whereabouts/whereabouts';
import { specCase, specWith, type RuleCase } from '../support';

const DP = { name: 'dp', plugin: { type: 'sriov', resourceName: 'intel.com/sriov_a' }, ipam: { type: 'whereabouts', range: '10.30.0.0/24' } };
const sliced = (range: string, node_slice_size: string, count = 3) =>
  specWith({ nodes: { count }, multus: { networks: [{ ...DP, ipam: { type: 'whereabouts', range, node_slice_size } }] } });
const withSchedule = (reconciler_cron_expression: string) => specWith({ multus: { networks: [DP], whereabouts: { reconciler_cron_expression } } });

/** The issues of a `Whereabouts` construct with this schedule (TypeScript users skip the spec; checked at synth). */
const constructIssues = (reconcilerCronExpression: string) => () => new Whereabouts(new Chart(Testing.app(), 'c'), 'whereabouts', { reconcilerCronExpression }).issues();

export const WHEREABOUTS_CASES: RuleCase[] = [
  specCase('whereabouts/cron-expression-invalid', 'a 6-field (seconds) schedule', withSchedule('0 30 4 * * *'), withSchedule('30 4 * * *')),
  specCase('whereabouts/cron-expression-invalid', 'an hour out of range', withSchedule('0 24 * * *'), withSchedule('0 23 * * *')),
  specCase('whereabouts/cron-expression-invalid', 'day of week 7 (robfig/cron counts 0-6)', withSchedule('0 4 * * 7'), withSchedule('0 4 * * SUN')),
  specCase('whereabouts/cron-expression-invalid', 'an unknown descriptor', withSchedule('@fortnightly'), withSchedule('@every 6h')),
  specCase('whereabouts/node-slice-size-invalid', 'a slice larger than the range', sliced('10.30.0.0/24', '/20'), sliced('10.30.0.0/24', '/28')),
  specCase('whereabouts/node-slice-size-invalid', 'a slice size that is not a prefix length', sliced('10.30.0.0/24', '255.255.255.192'), sliced('10.30.0.0/24', '26')),
  specCase('whereabouts/node-slice-size-invalid', 'an IPv4 slice longer than /32', sliced('10.30.0.0/24', '/33'), sliced('10.30.0.0/24', '/32', 3)),
  specCase('whereabouts/node-slice-range-host-bits', 'a sliced range with host bits', sliced('10.30.0.5/24', '/28'), sliced('10.30.0.0/24', '/28')),
  specCase('whereabouts/node-slices-fewer-than-nodes', '4 slices for 5 nodes (a warning)', sliced('10.30.0.0/24', '/26', 5), sliced('10.30.0.0/24', '/27', 5)),
  {
    rule: 'whereabouts/cron-expression-invalid',
    name: 'the Whereabouts construct checks its schedule at synth',
    refuses: constructIssues('30 4 * *'),
    accepts: constructIssues('*/15 * * * *'),
  },
];
