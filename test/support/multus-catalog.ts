/**
 * Every kind of NetworkAttachmentDefinition the library can emit: each main plugin with each IPAM (and none), and the
 * tuning chain variants. Shared by the NAD tests (schema, canonical JSON) and the data-plane suite (real plugins).
 */
import type { NetworkConfigProps } from '../../src/cni/multus/cni-config';
import { validateNetwork } from '../../src/cni/multus/validate-network';
import { IssueCollector } from '../../src/spec/issues';
import type { Ipam } from '../../src/cni/multus/ipam';
import type { CniPlugin } from '../../src/cni/multus/plugins';

export const PLUGINS: Record<CniPlugin['type'], CniPlugin> = {
  macvlan: { type: 'macvlan', master: 'eth1', mode: 'bridge', mtu: 9000 },
  ipvlan: { type: 'ipvlan', master: 'eth1', mode: 'l2' },
  bridge: { type: 'bridge', bridge: 'br-sec', isGateway: true, hairpinMode: true },
  'host-device': { type: 'host-device', device: 'eth3' },
  vlan: { type: 'vlan', master: 'eth1', vlanId: 100, mtu: 1500 },
  ptp: { type: 'ptp', mtu: 1400 },
  sriov: { type: 'sriov', resourceName: 'intel.com/sriov_netdevice', vlan: 100, spoofchk: 'on' },
};

export const IPAMS: Record<string, Ipam | undefined> = {
  'host-local': { type: 'host-local', subnet: '10.40.0.0/24', rangeStart: '10.40.0.10', rangeEnd: '10.40.0.99', gateway: '10.40.0.1', routes: [{ dst: '10.41.0.0/16' }] },
  'host-local-ranges': { type: 'host-local', ranges: [[{ subnet: '10.42.0.0/24', rangeStart: '10.42.0.20' }]], routes: [{ dst: '10.43.0.0/16', gw: '10.42.0.254' }] },
  static: { type: 'static', addresses: [{ address: '10.44.0.2/24', gateway: '10.44.0.1' }], routes: [{ dst: '10.45.0.0/16' }] },
  'host-local-ipv6': { type: 'host-local', ranges: [[{ subnet: 'fd00:30::/64', rangeStart: 'fd00:30::10' }]], routes: [{ dst: 'fd00:99::/64' }, { dst: '::/0' }] },
  'host-local-dual': {
    type: 'host-local',
    ranges: [[{ subnet: '10.47.0.0/24' }], [{ subnet: 'fd00:47::/64' }]],
    routes: [{ dst: '10.48.0.0/16' }, { dst: 'fd00:48::/64' }],
  },
  whereabouts: { type: 'whereabouts', range: '10.46.0.0/24', exclude: ['10.46.0.0/28'], gateway: '10.46.0.1' },
  dhcp: { type: 'dhcp' },
  none: undefined,
};

export interface CatalogEntry {
  readonly id: string;
  readonly props: NetworkConfigProps;
}

/** True when the library's validation accepts the combination. */
export function isValid(props: NetworkConfigProps): boolean {
  const issues = new IssueCollector();
  validateNetwork({ name: 'n', namespace: 'default', ...props }, 'net', issues);
  return issues.ok;
}

/** Combinations validation rejects (the plugin needs IPAM; ipvlan cannot take a MAC); asserted exactly by the NAD tests. */
export const REJECTED = ['ipvlan+none', 'ipvlan+static+tuning-mac', 'vlan+none', 'ptp+none'];

/** Every valid combination: plugin × IPAM, then tuning chains (MAC per pod, sysctl/MTU/promisc) on the plugins that can carry them. */
export function catalog(): CatalogEntry[] {
  return allCombinations().filter((e) => !REJECTED.includes(e.id));
}

/** Every combination, valid or not. */
export function allCombinations(): CatalogEntry[] {
  const out: CatalogEntry[] = [];
  for (const [pt, plugin] of Object.entries(PLUGINS)) {
    for (const [it, ipam] of Object.entries(IPAMS)) out.push({ id: `${pt}+${it}`, props: { plugin, ipam } });
    out.push({ id: `${pt}+static+tuning-mac`, props: { plugin, ipam: IPAMS.static, tuning: { capabilities: { mac: true } } } });
    out.push({
      id: `${pt}+host-local+tuning-sysctl`,
      props: { plugin, ipam: IPAMS['host-local'], tuning: { sysctl: { 'net.ipv4.conf.all.arp_notify': '1' }, promisc: true, allmulti: true } },
    });
  }
  return out;
}
