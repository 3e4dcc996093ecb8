/**
 * Data-plane proof: every NetworkAttachmentDefinition config the library emits (test/support/multus-catalog.ts and
 * the example) is run through the real containernetworking plugins in throwaway network namespaces: ADD (conflist
 * chaining with prevResult, capabilities as runtimeConfig), interface/address/route/MAC/MTU checks in the pods, CHECK,
 * a ping between two pods over the attachment, DEL.
 *
 * Needs Linux, root, iproute2, iputils-ping and Debian's containernetworking-plugins (/usr/lib/cni). In CI (env CI set)
 * a missing prerequisite FAILS the suite; on a developer machine the suite is skipped with a loud message.
 * Configs that need what this machine lacks (ipvlan/vlan kernel support, SR-IOV hardware, a DHCP server, whereabouts'
 * API server) are reported as skipped with the reason, and the reasons are asserted.
 */
import { Chart, Testing } from 'cdk8s';
import { NetworkAttachmentDefinition } from '../src/cni/multus/network-attachment-definition';
import { defaultPodArgs, podArgsFromSelection, verifyAttachment, type VerifyResult } from '../src/dataplane/verify';
import { buildTelcoApp } from '../examples/telco-pod';
import { tempDir } from './support/cli';
import { synthExample } from './support/examples';
import { describeDataPlane } from './support/dataplane';
import { catalog } from './support/multus-catalog';

function emitted(id: string, props: any): any {
  const chart = new Chart(Testing.app(), 'test');
  const nad = new NetworkAttachmentDefinition(chart, 'nad', { name: id.replace(/[^a-z0-9]+/g, '-').slice(0, 60), ...props });
  const obj = Testing.synth(chart)[0];
  expect(obj.spec.config).toBe(nad.configJson);
  return JSON.parse(obj.spec.config);
}

/** Configs that may be skipped here, and the reason each must give. */
const EXPECTED_SKIP: Array<[RegExp, RegExp]> = [
  [/^sriov\+/, /SR-IOV hardware/],
  [/\+dhcp$/, /DHCP server/],
  [/\+whereabouts$/, /whereabouts binary and a Kubernetes API server/],
  [/^(ipvlan|vlan)\+/, /kernel of this machine has no (ipvlan|vlan) support/],
];

describeDataPlane('data plane', () => {
  describe('every emitted attachment config on the real CNI plugins', () => {
    const results = new Map<string, VerifyResult>();
    afterAll(() => {
      const skipped = [...results].filter(([, r]) => r.status === 'skipped').map(([id, r]) => `  ${id}: ${r.reason}`);
      // eslint-disable-next-line no-console
      console.warn(`data plane: ${results.size - skipped.length} configs proven on the real plugins, ${skipped.length} SKIPPED:\n${skipped.join('\n')}`);
    });

    test.each(catalog().map((e) => [e.id, e] as const))('%s', (id, entry) => {
      const r = verifyAttachment(emitted(id, entry.props));
      results.set(id, r);
      const expectedSkip = EXPECTED_SKIP.find(([idRe]) => idRe.test(id));
      if (r.status === 'skipped') {
        expect(expectedSkip).toBeDefined();
        expect(r.reason).toMatch(expectedSkip![1]);
        return;
      }
      // The one CHECK limitation accepted: L2-only bridge on containernetworking-plugins 1.1.1.
      if (id === 'bridge+none') expect(r.limitation).toMatch(/no plugin name provided/);
      else expect(r.steps.some((s) => s.startsWith('CHECK passes'))).toBe(true);
      expect(r.steps.some((s) => s.startsWith('DEL removes'))).toBe(true);
      const twoPodsWithAddresses = r.addresses.length === 2 && r.addresses.every((a) => a !== '');
      expect(r.steps.some((s) => s.startsWith('ping '))).toBe(twoPodsWithAddresses);
      // Only static IPAM without per-pod ips (ptp) runs a single pod; everything else pings between two pods.
      if (!id.endsWith('+none') && !/^ptp\+static/.test(id)) expect(twoPodsWithAddresses).toBe(true);
    });

    test('the runnable plugins all passed with every local IPAM (host-local both forms, static)', () => {
      for (const plugin of ['macvlan', 'bridge', 'host-device', 'ptp']) {
        for (const ipam of ['host-local', 'host-local-ranges', 'host-local-ipv6', 'host-local-dual', 'static']) expect([`${plugin}+${ipam}`, results.get(`${plugin}+${ipam}`)?.status]).toEqual([`${plugin}+${ipam}`, 'passed']);
        expect(results.get(`${plugin}+static+tuning-mac`)?.status).toBe('passed');
        expect(results.get(`${plugin}+host-local+tuning-sysctl`)?.status).toBe('passed');
      }
    });

    test('IPv6 attachments: routes (incl. ::/0) are checked with ip -6, and a dual-stack attachment pings over both families', () => {
      for (const plugin of ['macvlan', 'bridge', 'host-device', 'ptp']) {
        const v6 = results.get(`${plugin}+host-local-ipv6`)!;
        expect(v6.addresses.every((a) => a.startsWith('fd00:30::'))).toBe(true);
        expect(v6.steps.filter((s) => s.startsWith('ping '))).toEqual([expect.stringMatching(/^ping fd00:30::\S+ → fd00:30::\S+ over net1$/)]);
        const dual = results.get(`${plugin}+host-local-dual`)!;
        expect(dual.steps.filter((s) => s.startsWith('ping '))).toEqual([
          expect.stringMatching(/^ping 10\.47\.0\.\d+\/24 → 10\.47\.0\.\d+ over net1$/),
          expect.stringMatching(/^ping fd00:47::\S+ → fd00:47::\S+ over net1$/),
        ]);
      }
    });

    test('static IPAM with the ips capability gives each pod its own address', () => {
      expect(results.get('macvlan+static')?.addresses).toEqual(['10.44.0.100/24', '10.44.0.101/24']);
    });
  });

  describe('the example spec networks on the real plugins', () => {
    const nads = synthExample('multus-storage-macvlan.yaml').filter((o) => o.kind === 'NetworkAttachmentDefinition');
    test.each(nads.map((n) => [n.metadata.name, n] as const))('%s', (_name, nad: any) => {
      const r = verifyAttachment(JSON.parse(nad.spec.config));
      if (nad.metadata.name === 'dataplane') {
        expect(r.status).toBe('skipped');
        expect(r.reason).toMatch(/SR-IOV hardware/);
      } else {
        expect(r.status).toBe('passed');
      }
    });
  });

  describe('the telco Deployment: each attachment (with its ips and mac) on the real plugins', () => {
    const app = buildTelcoApp(tempDir());
    app.synth();
    const objs = app.charts.flatMap((c) => c.toJson());
    const deployment = objs.find((o: any) => o.kind === 'Deployment');
    const elements: Array<{ name: string; interface: string; ips?: string[]; mac?: string }> = JSON.parse(deployment.spec.template.metadata.annotations['k8s.v1.cni.cncf.io/networks']);
    test.each(elements.map((e) => [e.interface, e] as const))('%s', (_ifname, element) => {
      const nad = objs.find((o: any) => o.kind === 'NetworkAttachmentDefinition' && o.metadata.name === element.name);
      const config = JSON.parse(nad.spec.config);
      if (config.type === 'sriov') {
        expect(verifyAttachment(config).reason).toMatch(/SR-IOV hardware/);
        return;
      }
      // The Deployment's pod as the annotation says, next to a second pod on the same network.
      const pods = [podArgsFromSelection(element), defaultPodArgs(config)[1]] as const;
      const r = verifyAttachment(config, { ifname: element.interface, pods });
      expect(r.status).toBe('passed');
      if (element.ips) expect(r.addresses[0]).toBe(element.ips[0]);
      expect(r.steps.some((s) => s.startsWith(`ping ${r.addresses[0]}`))).toBe(true);
    });
  });
});
