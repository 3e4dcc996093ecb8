/** One formatter for rule ports (src/reports/firewall.ts), used by descriptions, stack resource names and NSG port ranges. */
import { describeRule, rulePorts } from '../src/reports/firewall';
import { ruleSlug } from '../stacks/firewall';

test('rulePorts: a single port, a range, none for a whole protocol', () => {
  expect(rulePorts({ fromPort: 8472, toPort: 8472 })).toBe('8472');
  expect(rulePorts({ fromPort: 8472 })).toBe('8472');
  expect(rulePorts({ fromPort: 6783, toPort: 6784 })).toBe('6783-6784');
  expect(rulePorts({})).toBeUndefined();
});

test('describeRule and ruleSlug build on it', () => {
  expect(describeRule({ protocol: 'udp', fromPort: 6783, toPort: 6784, description: 'Weave data' })).toBe('udp/6783-6784');
  expect(describeRule({ protocol: '4', description: 'IP-in-IP' })).toBe('proto 4');
  expect(ruleSlug({ protocol: 'udp', fromPort: 6783, toPort: 6784, description: 'Weave data', source: 'nodes' })).toBe('udp-6783-6784');
  expect(ruleSlug({ protocol: '4', description: 'IP-in-IP', source: 'nodes' })).toBe('proto-4');
  expect(ruleSlug({ protocol: '-1', description: 'pods', source: 'pods' })).toBe('pods-all');
});
