/** Cilium's MTU overheads are its own (cilium/cilium pkg/mtu getRouteMTU), not the common (Calico) table's. */
import { CILIUM_MTU_OVERHEAD, ciliumMtuOverhead } from '../src/cni/cilium/mtu';
import { ENCAP_OVERHEAD } from '../src/cni/common/mtu';

test('pkg/mtu constants: TunnelOverhead 50 (70 over IPv6), EncryptionIPsecOverhead 77, WireguardOverhead 80', () => {
  expect(CILIUM_MTU_OVERHEAD).toEqual({ tunnel: 50, tunnelIPv6: 70, ipsec: 77, wireguard: 80 });
  // The common table's WireGuard figure is Calico's, and Cilium must not use it.
  expect(ENCAP_OVERHEAD.wireguard).not.toBe(CILIUM_MTU_OVERHEAD.wireguard);
});

test.each([
  ['tunnel, no encryption', true, undefined, 1450],
  ['tunnel + WireGuard: base − (80 + 50)', true, 'wireguard', 1370],
  ['tunnel + IPsec: base − 50 − 77', true, 'ipsec', 1373],
  ['native + WireGuard: base − 80', false, 'wireguard', 1420],
  ['native + IPsec: base − 77', false, 'ipsec', 1423],
  ['native, no encryption', false, undefined, 1500],
] as const)('%s on a 1500 underlay', (_name, tunnel, enc, mtu) => {
  expect(1500 - ciliumMtuOverhead(tunnel, enc)).toBe(mtu);
});

test('tunnel over an IPv6 underlay: base − 70', () => {
  expect(1500 - ciliumMtuOverhead(true, undefined, true)).toBe(1430);
  expect(1500 - ciliumMtuOverhead(false, undefined, true)).toBe(1500);
});
