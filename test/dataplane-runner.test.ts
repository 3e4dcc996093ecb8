/**
 * The data-plane runner's own logic: how a conflist becomes per-plugin stdin (cniVersion/name, prevResult,
 * runtimeConfig for declared capabilities only), skip reasons, default pod arguments; and, where the lab can run,
 * the plugin error shape and cleanup after a failure.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addNetwork, checkNetwork, CniPluginError, delNetwork, invokePlugin, pluginsOf, supportsCheck, withRuntime } from '../src/dataplane/cni-exec';
import { run } from '../src/dataplane/exec';
import { NetnsLab } from '../src/dataplane/lab';
import { defaultPodArgs, skipReason, verifyAttachment } from '../src/dataplane/verify';
import { describeDataPlane } from './support/dataplane';

const conflist = {
  cniVersion: '1.0.0',
  name: 'mgmt',
  plugins: [
    { type: 'macvlan', master: 'eth2', capabilities: { ips: true }, ipam: { type: 'static', addresses: [{ address: '10.20.0.2/24' }] } },
    { type: 'tuning', capabilities: { mac: true } },
  ],
};

describe('conflist execution semantics (libcni)', () => {
  test('each plugin gets the list cniVersion and name; a single config is its own one-plugin chain', () => {
    expect(pluginsOf(conflist).map((p) => [p.type, p.cniVersion, p.name])).toEqual([
      ['macvlan', '1.0.0', 'mgmt'],
      ['tuning', '1.0.0', 'mgmt'],
    ]);
    const single = { cniVersion: '1.0.0', name: 's', type: 'bridge', ipam: {} };
    expect(pluginsOf(single)).toEqual([single]);
  });

  test('runtimeConfig carries only the capabilities a plugin declares; prevResult is passed when chained', () => {
    const [macvlan, tuning] = pluginsOf(conflist);
    const caps = { ips: ['10.20.0.5/24'], mac: '02:00:00:00:00:01', portMappings: [] };
    expect(withRuntime(macvlan, caps, undefined).runtimeConfig).toEqual({ ips: ['10.20.0.5/24'] });
    expect(withRuntime(macvlan, caps, undefined).prevResult).toBeUndefined();
    const prev = { cniVersion: '1.0.0', ips: [{ address: '10.20.0.5/24' }] };
    expect(withRuntime(tuning, caps, prev)).toMatchObject({ runtimeConfig: { mac: '02:00:00:00:00:01' }, prevResult: prev });
    expect(withRuntime({ type: 'bridge' }, caps, undefined)).toEqual({ type: 'bridge' });
  });
});

test('CHECK exists from CNI 0.4.0 on: older configs are refused before any plugin runs, as libcni does', () => {
  expect(['0.1.0', '0.2.0', '0.3.0', '0.3.1'].map((v) => supportsCheck({ cniVersion: v }))).toEqual([false, false, false, false]);
  expect(['0.4.0', '1.0.0', '1.1.0'].map((v) => supportsCheck({ cniVersion: v }))).toEqual([true, true, true]);
  const inv = { binDir: '/nonexistent', nodeNetns: 'none', podNetnsPath: '/none', containerId: 'c', ifname: 'net1' };
  expect(() => checkNetwork({ cniVersion: '0.3.1', name: 'old', type: 'bridge' }, inv, {})).toThrow('configuration version "0.3.1" does not support the CHECK command');
});

describe('what cannot run here is named, not hidden', () => {
  test.each([
    [{ type: 'sriov', ipam: { type: 'host-local' } }, /SR-IOV hardware/],
    [{ type: 'macvlan', master: 'eth1', ipam: { type: 'dhcp' } }, /DHCP server/],
    [{ type: 'macvlan', master: 'eth1', ipam: { type: 'whereabouts', range: '10.0.0.0/24' } }, /whereabouts binary and a Kubernetes API server/],
    [{ type: 'host-device', pciBusID: '0000:00:1f.6', ipam: {} }, /needs that hardware/],
  ])('%j', (config, reason) => {
    expect(skipReason({ cniVersion: '1.0.0', name: 'n', ...config })).toMatch(reason);
  });

  test('a plugin missing from the plugin directory', () => {
    expect(skipReason({ cniVersion: '1.0.0', name: 'n', type: 'macvlan', master: 'eth1', ipam: {} }, '/nonexistent/cni')).toBe('plugin macvlan is not installed in /nonexistent/cni');
  });
});

test('default pod arguments: distinct static addresses and MACs when the config takes them', () => {
  expect(defaultPodArgs(conflist)).toEqual([
    { ips: ['10.20.0.100/24'], mac: '02:00:00:00:00:01' },
    { ips: ['10.20.0.101/24'], mac: '02:00:00:00:00:02' },
  ]);
  expect(defaultPodArgs({ cniVersion: '1.0.0', name: 'n', type: 'bridge', ipam: { type: 'host-local', subnet: '10.0.0.0/24' } })).toEqual([{}, {}]);
});

describeDataPlane('on the real plugins', () => {
  const labNamespaces = () => run('ip', ['netns', 'list']).stdout.split('\n').filter((l) => /^ck\d+x\d+-/.test(l) && l.startsWith(`ck${process.pid % 100000}x`));

  test('a plugin error surfaces as CniPluginError with the CNI code and message', () => {
    const lab = new NetnsLab();
    try {
      const node = lab.netns('n1');
      const pod = lab.netns('p1');
      const config = { cniVersion: '1.0.0', name: 'bad', type: 'macvlan', master: 'nosuch0', ipam: {} };
      let error: unknown;
      try {
        invokePlugin('ADD', config, { binDir: '/usr/lib/cni', nodeNetns: node, podNetnsPath: NetnsLab.path(pod), containerId: 'c1', ifname: 'net1' });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CniPluginError);
      expect(error).toMatchObject({ pluginType: 'macvlan', command: 'ADD', code: 999 });
      expect((error as CniPluginError).msg).toMatch(/Link not found/);
    } finally {
      lab.destroy();
    }
  });

  test('ADD that exits 0 without a JSON result fails instead of chaining on without prevResult', () => {
    const bin = mkdtempSync(join(tmpdir(), 'cdk8s-cni-fakebin-'));
    const lab = new NetnsLab();
    try {
      writeFileSync(join(bin, 'quiet'), '#!/bin/sh\necho "all good"\n');
      chmodSync(join(bin, 'quiet'), 0o755);
      const node = lab.netns('n1');
      const pod = lab.netns('p1');
      const inv = { binDir: bin, nodeNetns: node, podNetnsPath: NetnsLab.path(pod), containerId: 'c1', ifname: 'net1' };
      expect(() => invokePlugin('ADD', { cniVersion: '1.0.0', name: 'q', type: 'quiet' }, inv)).toThrow('plugin type="quiet" failed (add): exited 0 but printed no JSON result (stdout: "all good")');
      expect(invokePlugin('DEL', { cniVersion: '1.0.0', name: 'q', type: 'quiet' }, inv)).toBeUndefined();
    } finally {
      lab.destroy();
      rmSync(bin, { recursive: true, force: true });
    }
  });

  test('a config older than CNI 0.4.0 is verified without CHECK, and the report says so', () => {
    const r = verifyAttachment({ cniVersion: '0.3.1', name: 'old', type: 'bridge', bridge: 'brold', isGateway: true, ipam: { type: 'host-local', subnet: '10.9.8.0/24' } });
    expect(r.status).toBe('passed');
    expect(r.limitation).toBe('CHECK skipped: cniVersion 0.3.1 predates CHECK (0.4.0), and libcni refuses it');
    expect(r.steps.some((s) => s.startsWith('CHECK passes'))).toBe(false);
    expect(r.steps.some((s) => s.startsWith('ping '))).toBe(true);
  });

  test('a failing scenario throws with the plugin message and leaves no namespace behind', () => {
    const bad = { cniVersion: '1.0.0', name: 'bad', type: 'macvlan', master: 'eth1', mode: 'weird', ipam: { type: 'host-local', subnet: '10.9.0.0/24' } };
    expect(() => verifyAttachment(bad)).toThrow('unknown macvlan mode: "weird"');
    expect(labNamespaces()).toEqual([]);
  });

  test('CHECK detects drift: an address removed in the pod', () => {
    // verifyAttachment runs CHECK on an intact pod; here the runner's CHECK must fail once the address is gone.
    const lab = new NetnsLab();
    try {
      const node = lab.netns('n1');
      const pod = lab.netns('p1');
      const config = { cniVersion: '1.0.0', name: 'drift', type: 'bridge', bridge: 'brd', isGateway: true, ipam: { type: 'host-local', subnet: '10.9.0.0/24', dataDir: `${lab.dir}/ipam` } };
      const inv = { binDir: '/usr/lib/cni', nodeNetns: node, podNetnsPath: NetnsLab.path(pod), containerId: 'c1', ifname: 'net1' };
      const result = addNetwork(config, inv);
      checkNetwork(config, inv, result);
      run('ip', ['-n', pod, 'addr', 'del', result.ips[0].address, 'dev', 'net1']);
      expect(() => checkNetwork(config, inv, result)).toThrow(/Failed to match addr/);
      delNetwork(config, inv, result);
    } finally {
      lab.destroy();
    }
  });
});
