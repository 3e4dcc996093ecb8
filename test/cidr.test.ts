/** CIDR arithmetic and the overlap sweep. */
import { Cidr, findOverlaps, IpAddress, smallestPrefixFor } from '../src/plan/cidr';
import { usablePodAddresses } from '../src/plan/ip-plan';
import { defaultDnsIP } from '../src/spec/resolve';

test('parses IPv4 and IPv6, clears host bits, canonicalises', () => {
  const a = Cidr.of('10.244.7.9/16');
  expect([a.family, a.prefix, a.toString(), a.hasHostBits, a.size]).toEqual(['IPv4', 16, '10.244.0.0/16', true, 65536n]);
  const b = Cidr.of('FD00:10:244:0::/56');
  expect([b.family, b.toString(), b.hasHostBits]).toEqual(['IPv6', 'fd00:10:244::/56', false]);
});

test('rejects malformed input with a reason', () => {
  expect(Cidr.parse('10.0.0.0')).toMatch(/not a CIDR/);
  expect(Cidr.parse('10.0.0.0/x')).toMatch(/invalid prefix/);
  expect(Cidr.parse('fd00::/129')).toMatch(/allowed for IPv6: \/0-\/128/);
  expect(Cidr.parse('1.2.3/8')).toMatch(/not a valid/);
  expect(Cidr.parse('10.244.0.0/16/junk')).toMatch(/not a CIDR/);
  expect(Cidr.parse('10.244.0.0/016')).toMatch(/no leading zeros/);
});

test('containment, overlap and block counts', () => {
  const pods = Cidr.of('10.244.0.0/16');
  expect(pods.contains(Cidr.of('10.244.3.0/24'))).toBe(true);
  expect(pods.contains(Cidr.of('10.0.0.0/8'))).toBe(false);
  expect(pods.overlaps(Cidr.of('10.0.0.0/8'))).toBe(true);
  expect(pods.overlaps(Cidr.of('10.245.0.0/16'))).toBe(false);
  expect(pods.overlaps(Cidr.of('fd00::/8'))).toBe(false);
  expect(pods.countBlocks(24)).toBe(256n);
  expect(pods.countBlocks(8)).toBe(0n);
  expect(Cidr.of('fd00::/56').countBlocks(64)).toBe(256n);
  expect(pods.containsIp(IpAddress.of('10.244.255.255'))).toBe(true);
  expect(pods.nth(10n).toString()).toBe('10.244.0.10');
});

test('usable pod addresses per node block exclude network, gateway and broadcast', () => {
  expect(usablePodAddresses('IPv4', 24)).toBe(253n);
  expect(usablePodAddresses('IPv4', 26)).toBe(61n);
  expect(usablePodAddresses('IPv4', 32)).toBe(0n);
  expect(usablePodAddresses('IPv6', 120)).toBe(254n);
});

test('smallest prefix that holds N addresses', () => {
  expect(smallestPrefixFor('IPv4', 256n)).toBe(24);
  expect(smallestPrefixFor('IPv4', 257n)).toBe(23);
  expect(smallestPrefixFor('IPv6', 1n)).toBe(128);
});

test('default DNS IP is the 10th address of the first service range', () => {
  expect(defaultDnsIP('10.96.0.0/12')).toBe('10.96.0.10');
  expect(defaultDnsIP('fd00:10:96::/112')).toBe('fd00:10:96::a');
  expect(defaultDnsIP('garbage')).toBeUndefined();
});

test('findOverlaps finds every overlapping range, in O(n log n)', () => {
  const items = ['10.0.0.0/24', '10.0.1.0/24', '10.0.0.128/25', 'fd00::/64', '10.0.2.0/23', '10.0.3.0/24'].map((t, i) => ({ i, cidr: Cidr.of(t) }));
  const pairs = findOverlaps(items).map(([a, b]) => [a.i, b.i]);
  expect(pairs).toEqual([[0, 2], [4, 5]]);
  // ranges nested in a larger one overlap each other too: every pair is reported
  const nested = ['10.0.0.0/8', '10.1.0.0/16', '10.1.0.0/20'].map((t, i) => ({ i, cidr: Cidr.of(t) }));
  expect(findOverlaps(nested).map(([a, b]) => [a.i, b.i]).sort()).toEqual([[0, 1], [0, 2], [1, 2]]);
  const many = Array.from({ length: 20000 }, (_, i) => ({ cidr: Cidr.of(`10.${i >> 8}.${i & 255}.0/24`) }));
  expect(findOverlaps(many)).toEqual([]);
});
