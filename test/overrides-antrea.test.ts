/**
 * Antrea's agent and controller config extra keys (`spec.cni.agentConfig` / `controllerConfig`, AntreaProps
 * `agentConfig` / `controllerConfig`): merged into antrea-agent.conf / antrea-controller.conf, keys the spec models
 * refused with their typed field, unknown keys warned; the known-key list matches the v2.7.0 chart's conf templates.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdk8s';
import { parse } from 'yaml';
import { Antrea } from '../src/cni/antrea/antrea';
import { KNOWN_ANTREA_KEYS, MODELLED_ANTREA_KEYS, mergeConfig } from '../src/cni/antrea/extra-config';
import { validateClusterNetwork } from '../src/spec/validate';
import { synthObjects, type KubeObject } from '../src/synth';
import { find, synthExample } from './support/examples';
import { REFERENCE_DIR, describeWithReference } from './support/shared';

const antrea = (cni: Record<string, unknown>) => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'a' },
  spec: { pods: { cidrs: ['10.244.0.0/16'] }, cni: { type: 'antrea', ...cni } },
});
const conf = (objs: KubeObject[], file: 'antrea-agent.conf' | 'antrea-controller.conf') => parse(find(objs, 'ConfigMap', 'antrea-config').data[file]);
const messages = (doc: unknown) => {
  const r = validateClusterNetwork(doc);
  return [...r.issues, ...r.warnings].map((i) => `${i.path}: ${i.message}`);
};

describe('agentConfig / controllerConfig', () => {
  const objs = synthObjects(
    antrea({
      agentConfig: { transportInterface: 'eth1', antreaProxy: { proxyLoadBalancerIPs: false }, egress: { exceptCIDRs: ['10.0.0.0/8'] } },
      controllerConfig: { tlsMinVersion: 'VersionTLS13' },
    }) as any,
  );

  test('merged into the conf files: maps merge key by key, other values replace', () => {
    const agent = conf(objs, 'antrea-agent.conf');
    expect(agent.transportInterface).toBe('eth1');
    expect(agent.antreaProxy).toMatchObject({ enable: true, proxyAll: false, proxyLoadBalancerIPs: false, defaultLoadBalancerMode: 'nat' });
    expect(agent.egress).toEqual({ exceptCIDRs: ['10.0.0.0/8'], maxEgressIPsPerNode: 255, snatFullyRandomPorts: null, uniqueMACForSubInterfaces: true });
    expect(conf(objs, 'antrea-controller.conf').tlsMinVersion).toBe('VersionTLS13');
  });

  test('the config checksum follows the merged config, so the agents roll', () => {
    const plain = synthObjects(antrea({}) as any);
    const sum = (o: KubeObject[]) => find(o, 'DaemonSet', 'antrea-agent').spec.template.metadata.annotations['checksum/config'];
    expect(sum(objs)).not.toBe(sum(plain));
  });

  test('a key the spec models is refused, naming the typed field', () => {
    expect(messages(antrea({ agentConfig: { tunnelType: 'vxlan', antreaProxy: { proxyAll: true, nodePortAddresses: ['10.0.0.0/8'] }, wireGuard: 51821 }, controllerConfig: { nodeIPAM: { clusterCIDRs: [] } } }))).toEqual([
      'spec.cni.agentConfig.antreaProxy.proxyAll: is written into antrea-agent.conf from spec.cni.antreaProxy.proxyAll (allowed: set spec.cni.antreaProxy.proxyAll instead)',
      'spec.cni.agentConfig.tunnelType: is written into antrea-agent.conf from spec.cni.tunnelType (allowed: set spec.cni.tunnelType instead)',
      'spec.cni.agentConfig.wireGuard: is written into antrea-agent.conf from spec.cni.wireGuardPort (allowed: set spec.cni.wireGuardPort instead)',
      'spec.cni.controllerConfig.nodeIPAM.clusterCIDRs: is written into antrea-controller.conf from spec.cni.nodeIPAM.clusterCIDRs (allowed: set spec.cni.nodeIPAM.clusterCIDRs instead)',
    ]);
  });

  test('a port the manifests fix is refused too; defaultMTU (not in the spec) is allowed', () => {
    expect(messages(antrea({ agentConfig: { apiPort: 10450, defaultMTU: 1400 } }))).toEqual([
      'spec.cni.agentConfig.apiPort: is written into antrea-agent.conf as the fixed port 10350 (the agent container port, probes and firewall report use it) (allowed: keys the spec does not model)',
    ]);
  });

  test('an unknown top-level key is a warning (Antrea refuses unknown fields at start-up)', () => {
    expect(messages(antrea({ agentConfig: { tranportInterface: 'eth1' } }))).toEqual([
      'spec.cni.agentConfig.tranportInterface: is not a key of antrea-agent.conf in Antrea v2.7.0; antrea refuses unknown fields at start-up (allowed: the keys of build/charts/antrea/conf/antrea-agent.conf)',
    ]);
  });

  test('construct props: the same merge; a key a typed prop models throws', () => {
    const chart = Testing.chart();
    new Antrea(chart, 'antrea', { agentConfig: { transportInterface: 'eth1' } });
    const objs = Testing.synth(chart) as KubeObject[];
    expect(conf(objs, 'antrea-agent.conf').transportInterface).toBe('eth1');
    expect(() => new Antrea(Testing.chart(), 'antrea', { agentConfig: { defaultMTU: 1400 }, controllerConfig: { featureGates: { Egress: true } } })).toThrow(
      'agentConfig.defaultMTU: is modelled by the typed prop defaultMTU (allowed: set it there)\ncontrollerConfig.featureGates: is modelled by the typed prop featureGates (allowed: set it there)',
    );
  });

  test('mergeConfig does not modify its inputs', () => {
    const base = { a: { b: 1 } };
    const extra = { a: { c: 2 } };
    expect(mergeConfig(base, extra)).toEqual({ a: { b: 1, c: 2 } });
    expect(base).toEqual({ a: { b: 1 } });
  });

  test('the example sets both files and the overrides', () => {
    const ex = synthExample('antrea-overrides.yaml');
    expect(conf(ex, 'antrea-agent.conf')).toMatchObject({ transportInterface: 'eth1', antreaProxy: { proxyLoadBalancerIPs: false } });
    expect(conf(ex, 'antrea-controller.conf').tlsMinVersion).toBe('VersionTLS13');
    const ds = find(ex, 'DaemonSet', 'antrea-agent').spec.template.spec;
    expect(ds.containers.find((c: any) => c.name === 'antrea-agent').env).toContainEqual({ name: 'GOMAXPROCS', value: '4' });
    expect(ds.initContainers.find((c: any) => c.name === 'install-cni').env).toContainEqual({ name: 'CONFIG_FILE_MODE', value: '600' });
    expect(find(ex, 'Deployment', 'antrea-controller').spec.template.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux', 'node-role.kubernetes.io/control-plane': '' });
  });
});

describeWithReference('the key lists against the v2.7.0 chart conf templates', () => {
  /** Top-level keys of a conf template, written or commented out (`#key:`), ignoring comment prose. */
  const templateKeys = (file: string) => {
    const text = readFileSync(join(REFERENCE_DIR, 'antrea', 'chart', 'conf', file), 'utf8');
    return [...new Set([...text.matchAll(/^#?([a-z][A-Za-z0-9]*):/gm)].map((m) => m[1]))].sort();
  };

  test.each([
    ['agent', 'antrea-agent.conf'],
    ['controller', 'antrea-controller.conf'],
  ] as const)('%s: every key of the template is known', (file, template) => {
    const keys = templateKeys(template);
    expect(keys.length).toBeGreaterThan(5);
    expect(keys.filter((k) => !KNOWN_ANTREA_KEYS[file].includes(k))).toEqual([]);
  });

  test.each(['agent', 'controller'] as const)('%s: every modelled key is a key the template writes', (file) => {
    const keys = templateKeys(`antrea-${file}.conf`);
    for (const k of Object.keys(MODELLED_ANTREA_KEYS[file])) expect(keys).toContain(k.split('.')[0]);
  });
});
