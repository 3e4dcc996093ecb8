/**
 * NetworkAttachmentDefinition: canonical `spec.config` from typed configs, field names as the plugin docs spell them,
 * every combination valid against the upstream NAD CRD, SR-IOV annotation, synth-time validation of TS-built networks.
 */
import { readFileSync } from 'node:fs';
import { App, Chart, Testing } from 'cdk8s';
import { locatedAddressRanges } from '../src/cni/multus/address-ranges';
import { buildCniConfig } from '../src/cni/multus/cni-config';
import { NetworkAttachmentDefinition, RESOURCE_NAME_ANNOTATION } from '../src/cni/multus/network-attachment-definition';
import { allCombinations, catalog, isValid, REJECTED } from './support/multus-catalog';
import { validateObjects } from './support/schema-validation';
import { describeWithReference, referencePath } from './support/shared';
import { synthError } from './support/synth-error';

function nadObject(props: any, namespace?: string): any {
  const chart = new Chart(Testing.app(), 'test', { namespace });
  new NetworkAttachmentDefinition(chart, 'nad', props);
  return Testing.synth(chart)[0];
}

describe('spec.config', () => {
  const storage = nadObject({
    name: 'storage',
    plugin: { type: 'macvlan', master: 'eth1', mode: 'bridge', mtu: 9000 },
    ipam: { type: 'host-local', subnet: '192.168.10.0/24', rangeStart: '192.168.10.10', rangeEnd: '192.168.10.99', gateway: '192.168.10.1' },
  });

  test('is canonical JSON: sorted keys, no whitespace, cniVersion 1.0.0 by default', () => {
    expect(storage.spec.config).toBe(
      '{"capabilities":{"ips":true},"cniVersion":"1.0.0","ipam":{"gateway":"192.168.10.1","rangeEnd":"192.168.10.99","rangeStart":"192.168.10.10","subnet":"192.168.10.0/24","type":"host-local"},"master":"eth1","mode":"bridge","mtu":9000,"name":"storage","type":"macvlan"}',
    );
    expect(storage.metadata).toEqual({ name: 'storage', namespace: 'default' });
  });

  test('does not depend on the order props were written in', () => {
    const a = nadObject({ name: 'x', plugin: { type: 'bridge', bridge: 'br1', isGateway: true }, ipam: { type: 'static', addresses: [{ address: '10.0.0.2/24', gateway: '10.0.0.1' }] } });
    const b = nadObject({ ipam: { addresses: [{ gateway: '10.0.0.1', address: '10.0.0.2/24' }], type: 'static' }, plugin: { isGateway: true, bridge: 'br1', type: 'bridge' }, name: 'x' });
    expect(a.spec.config).toBe(b.spec.config);
  });

  test('cniVersion can be set; the namespace defaults to the chart namespace', () => {
    const o = nadObject({ name: 'n', cniVersion: '0.4.0', plugin: { type: 'host-device', device: 'eth3' } }, 'telco');
    expect(JSON.parse(o.spec.config)).toEqual({ cniVersion: '0.4.0', name: 'n', type: 'host-device', device: 'eth3', ipam: {} });
    expect(o.metadata.namespace).toBe('telco');
  });

  test('tuning makes a conflist: main plugin first, tuning chained after it', () => {
    const c = buildCniConfig('mgmt', {
      plugin: { type: 'macvlan', master: 'eth2' },
      ipam: { type: 'static', addresses: [{ address: '10.20.0.2/24', gateway: '10.20.0.1' }] },
      tuning: { capabilities: { mac: true }, sysctl: { 'net.ipv4.conf.all.arp_notify': '1' }, mtu: 1400 },
    });
    expect(c).toEqual({
      cniVersion: '1.0.0',
      name: 'mgmt',
      plugins: [
        { type: 'macvlan', master: 'eth2', capabilities: { ips: true }, ipam: { type: 'static', addresses: [{ address: '10.20.0.2/24', gateway: '10.20.0.1' }] } },
        { type: 'tuning', capabilities: { mac: true }, sysctl: { 'net.ipv4.conf.all.arp_notify': '1' }, mtu: 1400 },
      ],
    });
  });

  test('the ips capability is declared only where pods can pass ips (static except with ptp, host-local; never whereabouts)', () => {
    const caps = (plugin: any, ipam: any) => (buildCniConfig('n', { plugin, ipam }).capabilities as any)?.ips === true;
    const macvlan = { type: 'macvlan', master: 'eth1' };
    expect(caps(macvlan, { type: 'static' })).toBe(true);
    expect(caps(macvlan, { type: 'whereabouts', range: '10.0.0.0/24' })).toBe(false);
    expect(caps(macvlan, { type: 'host-local', subnet: '10.0.0.0/24' })).toBe(true);
    expect(caps({ type: 'ptp' }, { type: 'host-local', subnet: '10.0.0.0/24' })).toBe(true);
    expect(caps(macvlan, { type: 'dhcp' })).toBe(false);
    expect(caps({ type: 'ptp' }, { type: 'static', addresses: [{ address: '10.0.0.2/24', gateway: '10.0.0.1' }] })).toBe(false);
  });

  test('the mac capability is declared on the bridge plugin (it applies runtimeConfig mac itself), not on macvlan', () => {
    const mac = (plugin: any) => (buildCniConfig('n', { plugin, ipam: { type: 'dhcp' } }).capabilities as any)?.mac === true;
    expect(mac({ type: 'bridge' })).toBe(true);
    expect(mac({ type: 'macvlan', master: 'eth1' })).toBe(false);
  });

  test('routes without gw get the gateway the plugin would use anyway (CHECK in plugins 1.1.1 needs it)', () => {
    const hl = buildCniConfig('n', { plugin: { type: 'bridge' }, ipam: { type: 'host-local', subnet: '10.9.0.0/24', routes: [{ dst: '10.10.0.0/16' }, { dst: '10.11.0.0/16', gw: '10.9.0.254' }] } });
    expect((hl.ipam as any).routes).toEqual([{ dst: '10.10.0.0/16', gw: '10.9.0.1' }, { dst: '10.11.0.0/16', gw: '10.9.0.254' }]);
    const st = buildCniConfig('n', { plugin: { type: 'bridge' }, ipam: { type: 'static', addresses: [{ address: '10.9.0.5/24' }], routes: [{ dst: '0.0.0.0/0' }] } });
    expect((st.ipam as any).routes).toEqual([{ dst: '0.0.0.0/0' }]);
  });

  test('sriov: resourceName becomes the annotation, never a config field', () => {
    const o = nadObject({ name: 'dp', plugin: { type: 'sriov', resourceName: 'intel.com/sriov_netdevice', vlan: 100 }, ipam: { type: 'whereabouts', range: '10.30.0.0/24' } });
    expect(o.metadata.annotations).toEqual({ [RESOURCE_NAME_ANNOTATION]: 'intel.com/sriov_netdevice' });
    const config = JSON.parse(o.spec.config);
    expect(config.resourceName).toBeUndefined();
    expect(config).toMatchObject({ type: 'sriov', vlan: 100, ipam: { type: 'whereabouts', range: '10.30.0.0/24' } });
    expect(config.capabilities).toBeUndefined();
  });
});

describe('every combination', () => {
  test('validation rejects exactly the plugins that need IPAM when they have none', () => {
    expect(allCombinations().filter((e) => !isValid(e.props)).map((e) => e.id)).toEqual(REJECTED);
  });

  test.each(catalog().map((e) => [e.id, e] as const))('%s synthesizes to a canonical, deterministic config', (_id, e) => {
    const a = nadObject({ name: 'n', ...e.props });
    const b = nadObject({ name: 'n', ...e.props });
    expect(a).toEqual(b);
    expect(JSON.stringify(JSON.parse(a.spec.config))).toBe(a.spec.config);
    const keys = (o: any): string[] => (o && typeof o === 'object' && !Array.isArray(o) ? Object.keys(o) : []);
    const config = JSON.parse(a.spec.config);
    for (const obj of [config, ...(config.plugins ?? []), config.ipam, config.plugins?.[0]?.ipam].filter(Boolean)) expect(keys(obj)).toEqual([...keys(obj)].sort());
  });
});

describeWithReference('against the upstream references', () => {
  test('every combination validates against the NetworkAttachmentDefinition CRD', () => {
    // One app per network: the catalog reuses ranges, which one app would rightly reject as overlapping.
    const objs = catalog().flatMap((e, i) => {
      const chart = new Chart(new App(), 'one');
      new NetworkAttachmentDefinition(chart, 'n', { name: `n${i}`, ...e.props });
      return chart.toJson();
    });
    expect(objs).toHaveLength(catalog().length);
    expect(validateObjects(objs)).toEqual([]);
  });

  /** Field names documented for a plugin: the backticked names of the configuration reference bullets. */
  function documentedFields(doc: string): Set<string> {
    const text = readFileSync(referencePath('cni-spec', 'plugins-docs', `${doc}.md`), 'utf8');
    return new Set([...text.matchAll(/^\s*\*\s+`([A-Za-z_]+)`/gm)].map((m) => m[1]));
  }
  const CNI_COMMON = ['cniVersion', 'name', 'type', 'ipam', 'capabilities', 'plugins'];

  test.each(['macvlan', 'ipvlan', 'bridge', 'host-device', 'vlan', 'ptp', 'tuning'])('%s: every field we emit is documented in plugins-docs', (doc) => {
    const documented = documentedFields(doc);
    for (const e of catalog()) {
      const config = buildCniConfig('n', e.props);
      const entries: any[] = Array.isArray(config.plugins) ? config.plugins : [config];
      for (const p of entries.filter((x) => x.type === doc)) {
        for (const k of Object.keys(p)) if (!CNI_COMMON.includes(k)) expect([doc, k, documented.has(k)]).toEqual([doc, k, true]);
      }
    }
  });

  test.each([
    ['host-local', 'host-local'],
    ['static', 'static'],
    ['dhcp', 'dhcp'],
  ])('IPAM %s: every field we emit is documented', (type, doc) => {
    const text = readFileSync(referencePath('cni-spec', 'plugins-docs', `${doc}.md`), 'utf8');
    for (const e of catalog()) {
      const ipam: any = (buildCniConfig('n', e.props) as any).ipam ?? (buildCniConfig('n', e.props) as any).plugins?.[0]?.ipam;
      if (ipam?.type !== type) continue;
      for (const k of Object.keys(ipam)) expect([k, text.includes(`"${k}"`) || text.includes(`\`${k}\``)]).toEqual([k, true]);
    }
  });

  test('IPAM whereabouts: every field we emit is documented', () => {
    const text = readFileSync(referencePath('multus', 'whereabouts', 'README.md'), 'utf8');
    for (const k of ['type', 'range', 'range_start', 'range_end', 'exclude', 'gateway']) expect([k, text.includes(k)]).toEqual([k, true]);
    // routes: "you can set the route, gateway and DNS using anything from the configurations for the static IPAM plugin"
    expect(text).toContain('set the route, gateway and DNS using anything from the configurations for the [static IPAM plugin]');
  });
});

describe('synth-time validation of TypeScript-built networks', () => {
  function synthErrors(build: (chart: Chart) => void): string {
    const app = Testing.app();
    build(new Chart(app, 'test'));
    return synthError(app);
  }

  test('a range outside its subnet names the network and the field', () => {
    const msg = synthErrors((c) => new NetworkAttachmentDefinition(c, 'n', { name: 'storage', plugin: { type: 'macvlan', master: 'eth1' }, ipam: { type: 'host-local', subnet: '10.0.0.0/24', rangeStart: '10.0.1.10' } }));
    expect(msg).toContain('NetworkAttachmentDefinition default/storage.ipam.rangeStart: rangeStart 10.0.1.10 is outside 10.0.0.0/24');
  });

  test('two networks with one name in a namespace are refused; overlapping whereabouts ranges are not (upstream allows them)', () => {
    const msg = synthErrors((c) => {
      new NetworkAttachmentDefinition(c, 'a', { name: 'dp', plugin: { type: 'macvlan', master: 'eth1' }, ipam: { type: 'whereabouts', range: '10.1.0.0/16' } });
      new NetworkAttachmentDefinition(c, 'b', { name: 'dp', plugin: { type: 'macvlan', master: 'eth2' }, ipam: { type: 'whereabouts', range: '10.1.2.0/24' } });
    });
    expect(msg).toContain('NetworkAttachmentDefinition default/dp.name: "dp" is already used in namespace default');
    expect(msg).not.toContain('overlaps');
    expect(
      synthErrors((c) => {
        new NetworkAttachmentDefinition(c, 'a', { name: 'dp-a', plugin: { type: 'macvlan', master: 'eth1' }, ipam: { type: 'whereabouts', range: '10.1.0.0/16' } });
        new NetworkAttachmentDefinition(c, 'b', { name: 'dp-b', plugin: { type: 'macvlan', master: 'eth2' }, ipam: { type: 'whereabouts', range: '10.1.2.0/24' } });
      }),
    ).toBe('');
  });

  test('a valid network synthesizes', () => {
    expect(synthErrors((c) => new NetworkAttachmentDefinition(c, 'n', { name: 'ok', plugin: { type: 'ptp' }, ipam: { type: 'host-local', subnet: '10.0.0.0/24' } }))).toBe('');
  });
});

describe('locatedAddressRanges: each range with the field it comes from', () => {
  test('host-local subnet and ranges, static addresses, whereabouts range', () => {
    const at = (ipam: any) => locatedAddressRanges(ipam).map((r) => `${r.path} ${r.range.cidr}`);
    expect(at({ type: 'host-local', subnet: '10.0.0.0/24' })).toEqual(['.subnet 10.0.0.0/24']);
    expect(at({ type: 'host-local', ranges: [[{ subnet: '10.0.0.0/24' }], [{ subnet: 'fd00:1::/64' }]] })).toEqual(['.ranges[0][0].subnet 10.0.0.0/24', '.ranges[1][0].subnet fd00:1::/64']);
    expect(at({ type: 'static', addresses: [{ address: '10.5.0.2/24' }] })).toEqual(['.addresses[0].address 10.5.0.0/24']);
    expect(at({ type: 'whereabouts', range: '10.46.0.0/24' })).toEqual(['.range 10.46.0.0/24']);
    expect(at({ type: 'dhcp' })).toEqual([]);
  });
});
