/** Cases of the Multus rules (src/cni/multus/rules.ts): `spec.multus` networks, and attachments checked at synth. */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { attachmentIssues, attachNetworks, type NetworkAttachment } from '../../../src/cni/multus/attach';
import { NetworkAttachmentDefinition } from '../../../src/cni/multus/network-attachment-definition';
import { SpecValidationError, type SpecIssue } from '../../../src/spec/issues';
import { specCase, specWith, type RuleCase } from '../support';

type Net = Record<string, unknown>;
const STORAGE: Net = { name: 'storage', plugin: { type: 'macvlan', master: 'eth1' }, ipam: { type: 'host-local', subnet: '192.168.10.0/24', rangeStart: '192.168.10.10', rangeEnd: '192.168.10.99', gateway: '192.168.10.1' } };
const DP: Net = { name: 'dp', plugin: { type: 'sriov', resourceName: 'intel.com/sriov_a' }, ipam: { type: 'whereabouts', range: '10.30.0.0/24' } };

/** A spec with one network: `STORAGE` with `patch` merged in (top-level keys replace). */
const net = (patch: Net = {}, extra: Record<string, unknown> = {}) => specWith({ multus: { networks: [{ ...STORAGE, ...patch }] }, ...extra });
const ipam = (patch: Net) => net({ ipam: { ...(STORAGE.ipam as Net), ...patch } });
const hl = (patch: Net) => ({ type: 'host-local', subnet: '192.168.10.0/24', ...patch });

/** A case on one network: `refused` and `accepted` patch STORAGE. */
const netCase = (rule: string, name: string, refused: Net, accepted: Net) => specCase(rule, name, net(refused), net(accepted));

/** The issues of a pod attached to the networks of a small app (telco namespace). */
function attachIssues(attachments: (nets: Record<string, NetworkAttachmentDefinition>) => NetworkAttachment[], replicas = 1): () => readonly SpecIssue[] {
  return () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'telco' });
    const nets = {
      plain: new NetworkAttachmentDefinition(chart, 'plain', { name: 'plain', plugin: { type: 'bridge', bridge: 'br1' }, ipam: { type: 'host-local', subnet: '10.50.0.0/24' } }),
      mgmt: new NetworkAttachmentDefinition(chart, 'mgmt', { name: 'mgmt', plugin: { type: 'macvlan', master: 'eth2' }, ipam: { type: 'static' }, tuning: { capabilities: { mac: true } } }),
      dp: new NetworkAttachmentDefinition(chart, 'dp', { name: 'dp', plugin: { type: 'sriov', resourceName: 'intel.com/sriov_a' }, ipam: { type: 'whereabouts', range: '10.30.0.0/24' } }),
      infra: new NetworkAttachmentDefinition(chart, 'infra', { name: 'infra', namespace: 'infra', plugin: { type: 'macvlan', master: 'eth1' }, ipam: { type: 'host-local', subnet: '192.168.10.0/24' } }),
    };
    const container = { image: 'registry.example.com/cnf:1.0', portNumber: 8080 };
    const w = replicas === 1 ? new kplus.Pod(chart, 'p', { metadata: { name: 'p' }, containers: [container] }) : new kplus.Deployment(chart, 'd', { metadata: { name: 'd' }, replicas, containers: [container] });
    attachNetworks(w, attachments(nets));
    return attachmentIssues(w);
  };
}

/** Two pods asking for the same address: the issues of the second. */
function reuseIssues(second: string): () => readonly SpecIssue[] {
  return () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'telco' });
    const mgmt = new NetworkAttachmentDefinition(chart, 'mgmt', { name: 'mgmt', plugin: { type: 'macvlan', master: 'eth2' }, ipam: { type: 'static' } });
    const pod = (name: string) => new kplus.Pod(chart, name, { metadata: { name }, containers: [{ image: 'cnf:1', portNumber: 80 }] });
    attachNetworks(pod('a'), [{ network: mgmt, ips: ['10.20.0.5/24'] }]);
    const b = pod('b');
    attachNetworks(b, [{ network: mgmt, ips: [second] }]);
    return attachmentIssues(b);
  };
}

function sriovWithoutContainer(containers: boolean): () => readonly SpecIssue[] {
  return () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'telco' });
    const dp = new NetworkAttachmentDefinition(chart, 'dp', DP as never);
    const p = new kplus.Pod(chart, 'p', { metadata: { name: 'p' }, containers: containers ? [{ image: 'cnf:1', portNumber: 80 }] : [] });
    try {
      attachNetworks(p, [{ network: dp }]);
      return [];
    } catch (e) {
      if (e instanceof SpecValidationError) return e.issues;
      throw e;
    }
  };
}

export const MULTUS_CASES: readonly RuleCase[] = [
  netCase('multus/cidr-invalid', 'a subnet that is not a CIDR', { ipam: hl({ subnet: '192.168.300.0/24' }) }, { ipam: hl({}) }),
  netCase('multus/cidr-host-bits', 'a host-local subnet with host bits', { ipam: hl({ subnet: '192.168.10.5/24' }) }, { ipam: hl({}) }),
  specCase('multus/address-invalid', 'a gateway that is not an IP', ipam({ gateway: 'router' }), ipam({ gateway: '192.168.10.1' })),
  specCase('multus/address-outside-subnet', 'rangeStart outside the subnet', ipam({ rangeStart: '192.168.11.10' }), ipam({ rangeStart: '192.168.10.11' })),
  specCase('multus/range-end-before-start', 'rangeEnd before rangeStart', ipam({ rangeEnd: '192.168.10.5' }), ipam({ rangeEnd: '192.168.10.10' })),
  specCase('multus/host-local-subnet-too-small', 'a /31 host-local subnet', net({ ipam: hl({ subnet: '192.168.10.0/31' }) }), net({ ipam: hl({ subnet: '192.168.10.0/30' }) })),
  specCase('multus/gateway-network-address', 'the network address as gateway (a warning)', ipam({ gateway: '192.168.10.0' }), ipam({ gateway: '192.168.10.254' })),
  netCase('multus/route-gateway-family', 'an IPv4 gateway on an IPv6 route', { ipam: hl({ subnet: 'fd00:30::/64', routes: [{ dst: '::/0', gw: '10.0.0.1' }] }) }, { ipam: hl({ subnet: 'fd00:30::/64', routes: [{ dst: '::/0', gw: 'fd00:30::1' }] }) }),
  specCase('multus/route-family-without-address', 'an IPv6 route on an IPv4-only network', ipam({ routes: [{ dst: 'fd00:99::/64' }] }), ipam({ routes: [{ dst: '10.99.0.0/16' }] })),
  { rule: 'multus/host-local-no-range', name: 'a host-local construct without a subnet', refuses: () => nadIssues({ ...STORAGE, ipam: { type: 'host-local' } }), accepts: () => nadIssues(STORAGE) },
  specCase(
    'multus/whereabouts-exclude-outside-range',
    'an exclude outside the range (a warning)',
    specWith({ multus: { networks: [{ ...DP, ipam: { type: 'whereabouts', range: '10.30.0.0/24', exclude: ['10.99.0.0/28'] } }] } }),
    specWith({ multus: { networks: [{ ...DP, ipam: { type: 'whereabouts', range: '10.30.0.0/24', exclude: ['10.30.0.0/28'] } }] } }),
  ),
  netCase('multus/interface-name', 'a master longer than 15 characters', { plugin: { type: 'macvlan', master: 'enp0s31f6-uplink0' } }, { plugin: { type: 'macvlan', master: 'enp0s31f6' } }),
  { rule: 'multus/mtu-range', name: 'a tuning MTU of 60 on the construct', refuses: () => nadIssues({ ...STORAGE, tuning: { mtu: 60 } }), accepts: () => nadIssues({ ...STORAGE, tuning: { mtu: 1500 } }) },
  {
    rule: 'multus/vlan-id',
    name: 'a VLAN id of 4095 on the construct (the schema refuses it in a spec)',
    refuses: () => nadIssues({ name: 'v', plugin: { type: 'vlan', master: 'eth1', vlanId: 4095 }, ipam: hl({}) }),
    accepts: () => nadIssues({ name: 'v', plugin: { type: 'vlan', master: 'eth1', vlanId: 4094 }, ipam: hl({}) }),
  },
  {
    rule: 'multus/sriov-vlan-qos',
    name: 'a VLAN QoS of 8 on the construct',
    refuses: () => nadIssues({ ...DP, plugin: { type: 'sriov', resourceName: 'intel.com/sriov_a', vlanQoS: 8 } }),
    accepts: () => nadIssues({ ...DP, plugin: { type: 'sriov', resourceName: 'intel.com/sriov_a', vlanQoS: 7 } }),
  },
  {
    rule: 'multus/master-required',
    name: 'a macvlan construct with an empty master',
    refuses: () => nadIssues({ ...STORAGE, plugin: { type: 'macvlan', master: '' } }),
    accepts: () => nadIssues(STORAGE),
  },
  netCase('multus/host-device-selector', 'host-device with two selectors', { plugin: { type: 'host-device', device: 'eth3', pciBusID: '0000:00:1f.6' } }, { plugin: { type: 'host-device', device: 'eth3' } }),
  specCase('multus/mac-invalid', 'a tuning MAC that does not parse', net({ tuning: { mac: 'c2:b0:57' } }), net({ tuning: { mac: 'c2:b0:57:49:47:f1' } })),
  specCase('multus/sriov-resource-name', 'a resource name without a vendor domain', specWith({ multus: { networks: [{ ...DP, plugin: { type: 'sriov', resourceName: 'sriov_a' } }] } }), specWith({ multus: { networks: [DP] } })),
  netCase('multus/ipam-required', 'ptp without IPAM', { plugin: { type: 'ptp' }, ipam: undefined }, { plugin: { type: 'ptp' } }),
  netCase(
    'multus/ptp-needs-gateway',
    'ptp with a static address without gateway',
    { plugin: { type: 'ptp' }, ipam: { type: 'static', addresses: [{ address: '10.5.0.2/24' }] } },
    { plugin: { type: 'ptp' }, ipam: { type: 'static', addresses: [{ address: '10.5.0.2/24', gateway: '10.5.0.1' }] } },
  ),
  netCase('multus/ipvlan-mac', 'ipvlan with a per-pod MAC', { plugin: { type: 'ipvlan', master: 'eth1' }, tuning: { capabilities: { mac: true } } }, { plugin: { type: 'macvlan', master: 'eth1' }, tuning: { capabilities: { mac: true } } }),
  netCase('multus/cni-version', 'cniVersion 1.0', { cniVersion: '1.0' }, { cniVersion: '1.0.0' }),
  specCase(
    'multus/duplicate-name',
    'two networks named storage in one namespace',
    specWith({ multus: { networks: [STORAGE, { ...STORAGE, ipam: hl({ subnet: '192.168.11.0/24' }) }] } }),
    specWith({ multus: { networks: [STORAGE, { ...STORAGE, namespace: 'other', ipam: hl({ subnet: '192.168.11.0/24' }) }] } }),
  ),
  netCase('multus/overlaps-cluster-range', 'a subnet inside the pod range', { ipam: hl({ subnet: '10.244.1.0/24' }) }, { ipam: hl({}) }),
  specCase(
    'multus/overlaps-node-range',
    "macvlan on the nodes' own LAN (a warning: valid, keep the hosts out of the allocation range)",
    net({}, { nodes: { cidrs: ['192.168.0.0/16'], count: 3 } }),
    net({}, { nodes: { cidrs: ['172.16.0.0/16'], count: 3 } }),
  ),
  specCase(
    'multus/whereabouts-not-installed',
    'a whereabouts network with whereabouts.install false (a warning; installed by default)',
    specWith({ multus: { networks: [DP], whereabouts: { install: false } } }),
    specWith({ multus: { networks: [DP] } }),
  ),
  netCase('multus/dhcp-daemon-required', 'a dhcp network (a warning)', { ipam: { type: 'dhcp' } }, {}),
  { rule: 'multus/attach-unknown-network', name: 'a network name not in the app', refuses: attachIssues(() => [{ network: 'nosuch' }]), accepts: attachIssues(() => [{ network: 'plain' }]) },
  { rule: 'multus/attach-namespace', name: 'a network of another namespace', refuses: attachIssues((n) => [{ network: n.infra }]), accepts: attachIssues((n) => [{ network: n.infra, crossNamespace: true }]) },
  { rule: 'multus/interface-name', name: 'an attachment interface name of 18 characters', refuses: attachIssues((n) => [{ network: n.plain, interface: 'averylonginterface' }]), accepts: attachIssues((n) => [{ network: n.plain, interface: 'net7' }]) },
  { rule: 'multus/attach-duplicate-interface', name: 'an attachment named eth0', refuses: attachIssues((n) => [{ network: n.plain, interface: 'eth0' }]), accepts: attachIssues((n) => [{ network: n.plain, interface: 'eth1' }]) },
  { rule: 'multus/mac-invalid', name: 'an attachment mac that does not parse', refuses: attachIssues((n) => [{ network: n.mgmt, mac: 'zz:00' }]), accepts: attachIssues((n) => [{ network: n.mgmt, mac: 'c2:b0:57:49:47:f1' }]) },
  {
    rule: 'multus/attach-mac-not-honoured',
    name: 'mac on an SR-IOV network without tuning (bridge honours it)',
    refuses: attachIssues((n) => [{ network: n.dp, mac: 'c2:b0:57:49:47:f1' }]),
    accepts: attachIssues((n) => [{ network: n.plain, mac: 'c2:b0:57:49:47:f1' }]),
  },
  { rule: 'multus/attach-default-route-invalid', name: 'a default-route gateway that is not an IP', refuses: attachIssues((n) => [{ network: n.plain, defaultRoute: ['10.50.0.999'] }]), accepts: attachIssues((n) => [{ network: n.plain, defaultRoute: ['10.50.0.1'] }]) },
  {
    rule: 'multus/attach-ips-not-honoured',
    name: 'ips on a whereabouts network (host-local honours them)',
    refuses: attachIssues((n) => [{ network: n.dp, ips: ['10.30.0.20/24'] }]),
    accepts: attachIssues((n) => [{ network: n.plain, ips: ['10.50.0.20/24'] }]),
  },
  { rule: 'multus/attach-ips-several-pods', name: 'static ips on a Deployment of 3 replicas', refuses: attachIssues((n) => [{ network: n.mgmt, ips: ['10.20.0.6/24'] }], 3), accepts: attachIssues((n) => [{ network: n.mgmt, ips: ['10.20.0.6/24'] }]) },
  { rule: 'multus/attach-ip-invalid', name: 'an ip without a prefix', refuses: attachIssues((n) => [{ network: n.mgmt, ips: ['10.20.0.5'] }]), accepts: attachIssues((n) => [{ network: n.mgmt, ips: ['10.20.0.5/24'] }]) },
  { rule: 'multus/attach-ip-outside-range', name: 'an ip outside the host-local subnet', refuses: attachIssues((n) => [{ network: n.plain, ips: ['10.51.0.5/24'] }]), accepts: attachIssues((n) => [{ network: n.plain, ips: ['10.50.0.5/24'] }]) },
  { rule: 'multus/attach-ip-reused', name: 'the same static IP on two pods', refuses: reuseIssues('10.20.0.5/24'), accepts: reuseIssues('10.20.0.6/24') },
  { rule: 'multus/attach-sriov-needs-container', name: 'an SR-IOV network on a pod without containers', refuses: sriovWithoutContainer(false), accepts: sriovWithoutContainer(true) },
];

/** The issues of one NetworkAttachmentDefinition construct (for values the spec schema already refuses). */
function nadIssues(props: Net): readonly SpecIssue[] {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'telco' });
  return new NetworkAttachmentDefinition(chart, 'n', props as never).issues();
}
