/** The shared encapsulation overheads (ANCHORS §3.4, Tigera "Configure MTU"). */
import { encapOverhead } from '../src/cni/common/mtu';

describe('encapOverhead: the largest overhead over the families an encapsulation carries', () => {
  test.each([
    ['vxlan', ['IPv4'], 50],
    ['vxlan', ['IPv6'], 70],
    ['vxlan', ['IPv4', 'IPv6'], 70],
    ['wireguard', ['IPv4'], 60],
    ['wireguard', ['IPv6'], 80],
    ['wireguard', ['IPv6', 'IPv4'], 80],
    ['ipip', ['IPv4'], 20],
    ['geneve', ['IPv4'], 50],
    ['none', ['IPv4', 'IPv6'], 0],
    ['vxlan', [], 0],
  ] as const)('%s over %j: %d bytes', (kind, families, bytes) => {
    expect(encapOverhead(kind, families)).toBe(bytes);
  });
});
