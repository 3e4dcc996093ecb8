/** The canonical-IPv4 fast path of Cidr / IpAddress parses exactly as ip-address does. */
import { Address4 } from 'ip-address';
import { Cidr, IpAddress } from '../src/plan/cidr';

describe('IPv4 fast path', () => {
  const addresses = ['0.0.0.0', '255.255.255.255', '10.0.0.1', '192.168.1.254', '100.64.0.0', '172.31.255.1', '1.2.3.4', '249.250.251.252'];

  test.each(addresses)('%s has the value ip-address gives', (text) => {
    const ip = IpAddress.parse(text) as IpAddress;
    expect(ip.family).toBe('IPv4');
    expect(ip.value).toBe(new Address4(text).bigInt());
    expect(ip.toString()).toBe(text);
  });

  test('CIDRs: network, host bits and prefix range as before', () => {
    const c = Cidr.of('10.244.1.7/16');
    expect(c.toString()).toBe('10.244.0.0/16');
    expect(c.hasHostBits).toBe(true);
    expect(Cidr.parse('10.0.0.0/33')).toBe('"10.0.0.0/33" has prefix /33 (allowed for IPv4: /0-/32)');
  });

  test('IPv4 addresses are written as ip-address writes them (its correct form)', () => {
    const values = [0n, 1n, 255n, 256n, 65535n, 16777216n, 2130706433n, 4294967295n, ...Array.from({ length: 200 }, (_, i) => (BigInt(i) * 2654435761n) % 4294967296n)];
    for (const v of values) expect(new IpAddress('IPv4', v).toString()).toBe(Address4.fromBigInt(v).correctForm());
  });

  test('non-canonical text still goes through ip-address (and keeps its messages)', () => {
    expect(Cidr.parse('256.0.0.0/8')).toBe('"256.0.0.0/8" is not a valid IPv4 or IPv6 CIDR');
    expect(IpAddress.parse('10.0.0')).toBe('"10.0.0" is not a valid IP address (expected e.g. 10.96.0.10 or fd00::a)');
    expect(IpAddress.parse('::ffff:10.0.0.1')).toMatchObject({ family: 'IPv6' });
  });
});
