/**
 * A telco network function with three interfaces besides eth0, composed in TypeScript:
 * - mgmt0: macvlan on eth2 with a fixed address and MAC (static IPAM + tuning with the mac capability),
 * - stor0: macvlan on eth1 with jumbo frames (host-local IPAM),
 * - n3:    an SR-IOV virtual function (whereabouts IPAM), which also requests the device from the device plugin.
 * Multus itself goes into its own chart, applied first. Synthesize with `npx tsx examples/telco-pod.ts` (writes dist/).
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { attachNetworks, Multus, NetworkAttachmentDefinition } from '../src';

export function buildTelcoApp(outdir?: string): App {
  const app = new App({ outdir });
  const multus = new Chart(app, 'multus');
  new Multus(multus, 'multus');

  const telco = new Chart(app, 'telco', { namespace: 'telco' });
  telco.addDependency(multus);

  const mgmt = new NetworkAttachmentDefinition(telco, 'mgmt', {
    name: 'mgmt',
    plugin: { type: 'macvlan', master: 'eth2', mode: 'bridge' },
    ipam: { type: 'static', addresses: [{ address: '10.20.0.2/24', gateway: '10.20.0.1' }] },
    tuning: { capabilities: { mac: true } },
  });
  const storage = new NetworkAttachmentDefinition(telco, 'storage', {
    name: 'storage',
    plugin: { type: 'macvlan', master: 'eth1', mtu: 9000 },
    ipam: { type: 'host-local', ranges: [[{ subnet: '192.168.10.0/24', rangeStart: '192.168.10.100', rangeEnd: '192.168.10.199' }]] },
  });
  const n3 = new NetworkAttachmentDefinition(telco, 'n3', {
    name: 'n3',
    plugin: { type: 'sriov', resourceName: 'intel.com/sriov_netdevice', vlan: 300 },
    ipam: { type: 'whereabouts', range: '10.30.0.0/24', exclude: ['10.30.0.0/28'] },
  });

  const upf = new kplus.Deployment(telco, 'upf', {
    metadata: { name: 'upf' },
    replicas: 1,
    containers: [{ name: 'upf', image: 'registry.example.com/upf:2.4.0', portNumber: 8805, securityContext: { ensureNonRoot: false } }],
  });
  attachNetworks(upf, [
    { network: mgmt, interface: 'mgmt0', ips: ['10.20.0.10/24'], mac: '02:00:00:14:00:0a' },
    { network: storage, interface: 'stor0' },
    { network: n3, interface: 'n3' },
  ]);
  return app;
}

if (require.main === module) buildTelcoApp(process.env.CDK8S_OUTDIR ?? 'dist').synth();
