/**
 * The synth-time checks of attachments and networks reuse their result between cdk8s's validation passes, and see
 * every change made after an earlier synth (a new attachment, a new network).
 */
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { attachNetworks, checkAttachments } from '../src/cni/multus/attach';
import { NetworkAttachmentDefinition } from '../src/cni/multus/network-attachment-definition';

function setup() {
  const app = Testing.app();
  const chart = new Chart(app, 'test', { namespace: 'telco' });
  new NetworkAttachmentDefinition(chart, 'mgmt', { name: 'mgmt', plugin: { type: 'macvlan', master: 'eth2' }, ipam: { type: 'static' } });
  const pod = (name: string) => new kplus.Pod(chart, name, { metadata: { name }, containers: [{ image: 'registry.example.com/cnf:1.0' }] });
  return { app, chart, pod };
}

describe('attachment checks between synth passes', () => {
  test('a clean app stays clean and returns equal results on every pass', () => {
    const { app, pod } = setup();
    const a = pod('a');
    attachNetworks(a, [{ network: 'mgmt', ips: ['10.20.0.5/24'] }]);
    expect(checkAttachments(a)).toEqual([]);
    expect(checkAttachments(a)).toEqual([]);
    expect(() => app.synthYaml()).not.toThrow();
  });

  test('a static IP reused after a first check is reported on the next check', () => {
    const { app, pod } = setup();
    const a = pod('a');
    attachNetworks(a, [{ network: 'mgmt', ips: ['10.20.0.5/24'] }]);
    expect(() => app.synthYaml()).not.toThrow();
    const b = pod('b');
    attachNetworks(b, [{ network: 'mgmt', ips: ['10.20.0.5/24'] }]);
    expect(checkAttachments(b)).toEqual([
      'Pod telco/b: network "telco/mgmt": ip 10.20.0.5 is already used by Pod telco/a (allowed: each static IP on one pod only) [multus/attach-ip-reused]',
    ]);
    expect(() => app.synthYaml()).toThrow(/ip 10\.20\.0\.5 is already used by Pod telco\/a/);
  });

  test('a network defined after a first check resolves on the next check', () => {
    const { chart, pod } = setup();
    const a = pod('a');
    attachNetworks(a, [{ network: 'storage' }]);
    expect(checkAttachments(a).join('\n')).toMatch(/no NetworkAttachmentDefinition with that name and namespace/);
    new NetworkAttachmentDefinition(chart, 'storage', { name: 'storage', plugin: { type: 'macvlan', master: 'eth1' }, ipam: { type: 'host-local', subnet: '192.168.10.0/24' } });
    expect(checkAttachments(a)).toEqual([]);
  });

  test('a returned list is a copy: changing it does not change the next result', () => {
    const { pod } = setup();
    const a = pod('a');
    attachNetworks(a, [{ network: 'missing' }]);
    const first = checkAttachments(a);
    first.length = 0;
    expect(checkAttachments(a)).toHaveLength(1);
  });
});
