/**
 * Antrea: the examples and spec options (MTU per tunnel and encryption, node traffic for firewalls, kubeadm config,
 * NodeIPAM, feature gates, IPsec Secret reference), and the Antrea-native policy constructs validated against the
 * Antrea CRDs of ../shared/reference/antrea.
 */
import { Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { antreaMtuDeduction } from '../src/cni/antrea/mtu';
import { AntreaClusterNetworkPolicy } from '../src/cni/antrea/policy/cluster-network-policy';
import { ClusterGroup } from '../src/cni/antrea/policy/cluster-group';
import { AntreaNetworkPolicy } from '../src/cni/antrea/policy/network-policy';
import { STATIC_TIERS, Tier } from '../src/cni/antrea/policy/tier';
import { cniModuleFor } from '../src/cni/registry';
import { controllerManagerArgs, kubeadmInitConfiguration } from '../src/kubeadm/config';
import { nodeFirewall } from '../src/reports/firewall';
import { nodeCleanupScript, teardownScript } from '../src/teardown/teardown';
import type { ClusterNetworkSpec } from '../src/spec/schema';
import { resolveClusterNetwork, validateClusterNetwork } from '../src/spec/validate';
import { synthObjects, type KubeObject } from '../src/synth';
import { cli, filesIn, tempDir, writeSpec } from './support/cli';
import { find, loadExample, synthExample } from './support/examples';
import { validateObjects } from './support/schema-validation';
import { describeWithReference, readReferenceYaml } from './support/shared';

const base = (cni: Record<string, unknown> = {}, spec: Record<string, unknown> = {}): ClusterNetworkSpec => ({
  apiVersion: 'cdk8s-cni.dev/v1alpha1',
  kind: 'ClusterNetwork',
  metadata: { name: 'test' },
  spec: { pods: { cidrs: ['10.244.0.0/16'] }, ...spec, cni: { type: 'antrea', ...cni } } as any,
});
const dual = { ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } };
const antrea = cniModuleFor('antrea');
const network = (s: ClusterNetworkSpec) => resolveClusterNetwork(s);
const conf = (objs: KubeObject[], key: 'antrea-agent.conf' | 'antrea-controller.conf') => parse(find(objs, 'ConfigMap', 'antrea-config').data[key]);
const agentPod = (objs: KubeObject[]) => find(objs, 'DaemonSet', 'antrea-agent').spec.template.spec;

describe('antrea example (Geneve + WireGuard, proxyAll, NodeIPAM)', () => {
  const objs = synthExample('antrea.yaml');
  const n = network(loadExample('antrea.yaml'));

  test('CRDs first (own chart), then the install in the manifest order', () => {
    const kinds = objs.map((o) => o.kind);
    expect(kinds.slice(0, 20).every((k) => k === 'CustomResourceDefinition')).toBe(true);
    expect(kinds.slice(20, 26)).toEqual(['ServiceAccount', 'ServiceAccount', 'ServiceAccount', 'Secret', 'Secret', 'ConfigMap']);
    expect(kinds.slice(-7)).toEqual(['DaemonSet', 'Deployment', 'APIService', 'APIService', 'APIService', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);
  });

  test('agent conf: encap/geneve, WireGuard, proxyAll, API server override, the agent gate', () => {
    const agent = conf(objs, 'antrea-agent.conf');
    expect(agent).toMatchObject({
      trafficEncapMode: 'encap',
      tunnelType: 'geneve',
      tunnelPort: 0,
      trafficEncryptionMode: 'wireGuard',
      wireGuard: { port: 51820 },
      kubeAPIServerOverride: 'https://192.168.20.10:6443',
      antreaProxy: { enable: true, proxyAll: true },
      featureGates: { NodeNetworkPolicy: true },
      defaultMTU: 0,
    });
  });

  test('controller conf: NodeIPAM over the pod range with the spec masks, service range excluded, no agent-only gate', () => {
    const controller = conf(objs, 'antrea-controller.conf');
    expect(controller.nodeIPAM).toEqual({
      enableNodeIPAM: true,
      clusterCIDRs: ['10.32.0.0/16'],
      serviceCIDR: '10.96.0.0/12',
      serviceCIDRv6: '',
      nodeCIDRMaskSizeIPv4: 24,
      nodeCIDRMaskSizeIPv6: 64,
    });
    expect(controller.kubeAPIServerOverride).toBe('https://192.168.20.10:6443');
    expect(controller.featureGates).toBeNull();
  });

  test('kubeadm: no kube-proxy, and kube-controller-manager does not allocate node CIDRs (NodeIPAM does)', () => {
    expect(antrea.podAddressing(n)).toBe('cni-ipam');
    expect(controllerManagerArgs(n)).toEqual([{ name: 'allocate-node-cidrs', value: 'false' }]);
    expect(kubeadmInitConfiguration(n).skipPhases).toEqual(['addon/kube-proxy']);
  });

  test('WireGuard: pod MTU 1500 - 60; firewall opens WireGuard and the APIs, no Geneve port (no tunnel under WireGuard)', () => {
    expect(antrea.podMtu(n)).toBe(1440);
    const fw = nodeFirewall(n);
    expect(fw.replacesKubeProxy).toBe(true);
    expect(fw.routesNatively).toBe(false);
    expect(fw.rules.map((r) => `${r.protocol}/${r.fromPort ?? ''}`)).toEqual(['tcp/10256', 'tcp/10349', 'tcp/10350', 'tcp/10351', 'udp/10351', 'udp/51820']);
  });
});

describe('antrea-ipsec example', () => {
  const objs = synthExample('antrea-ipsec.yaml');
  const n = network(loadExample('antrea-ipsec.yaml'));

  test('the PSK comes from the referenced Secret; no Secret holding a key is written', () => {
    const agent = agentPod(objs).containers.find((c: any) => c.name === 'antrea-agent');
    expect(agent.env).toContainEqual({ name: 'ANTREA_IPSEC_PSK', valueFrom: { secretKeyRef: { name: 'antrea-ipsec', key: 'psk' } } });
    expect(agentPod(objs).containers.map((c: any) => c.name)).toEqual(['antrea-agent', 'antrea-ovs', 'antrea-ipsec']);
    expect(objs.filter((o) => o.kind === 'Secret').map((o) => (o as any).type)).toEqual(['kubernetes.io/service-account-token', 'kubernetes.io/service-account-token']);
  });

  test('GRE + IPsec: MTU 1500 - 42 - 38; GRE (47), ESP (50) and IKE between nodes; kube-proxy stays', () => {
    expect(antrea.podMtu(n)).toBe(1420);
    const fw = nodeFirewall(n);
    expect(fw.rules.map((r) => `${r.protocol}/${r.fromPort ?? ''}`)).toEqual(['47/', '50/', 'tcp/10349', 'tcp/10350', 'tcp/10351', 'udp/500', 'udp/4500', 'udp/10351']);
    expect(fw.replacesKubeProxy).toBe(false);
    expect(antrea.podAddressing(n)).toBe('node-cidr');
    expect(controllerManagerArgs(n)[0]).toEqual({ name: 'allocate-node-cidrs', value: 'true' });
  });
});

describe('MTU (pkg/agent/config/node_config.go CalculateMTUDeduction)', () => {
  test.each([
    ['encap', 'geneve', 'none', false, 50],
    ['encap', 'vxlan', 'none', true, 70],
    ['encap', 'gre', 'none', false, 42],
    ['encap', 'stt', 'none', false, 0],
    ['hybrid', 'geneve', 'none', false, 50],
    ['noEncap', 'geneve', 'none', false, 0],
    ['networkPolicyOnly', 'geneve', 'none', true, 0],
    ['encap', 'geneve', 'ipsec', false, 88],
    ['encap', 'gre', 'ipsec', false, 80],
    ['encap', 'geneve', 'wireGuard', false, 60],
    ['encap', 'geneve', 'wireGuard', true, 80],
  ] as const)('%s/%s/%s ipv6=%s: %d', (trafficEncapMode, tunnelType, trafficEncryptionMode, ipv6, want) => {
    expect(antreaMtuDeduction({ trafficEncapMode, tunnelType, trafficEncryptionMode, ipv6 })).toBe(want);
  });

  test('dual-stack Geneve: pod MTU 1500 - 70', () => {
    expect(antrea.podMtu(network(base({}, dual)))).toBe(1430);
  });
});

describe('spec defaults and options', () => {
  test('defaults: encap Geneve, node CIDRs from kube-controller-manager, kube-proxy kept, Geneve 6081/udp', () => {
    const n = network(base());
    expect(antrea.displayName(n)).toBe('Antrea v2.7.0 (encap, geneve)');
    expect(antrea.podMtu(n)).toBe(1450);
    expect(antrea.podAddressing(n)).toBe('node-cidr');
    expect(antrea.replacesKubeProxy?.(n)).toBe(false);
    expect(antrea.nodeTraffic(n)).toContainEqual({ protocol: 'udp', fromPort: 6081, description: 'Antrea Geneve overlay' });
    const objs = synthObjects(base());
    expect(conf(objs, 'antrea-controller.conf').nodeIPAM.enableNodeIPAM).toBe(false);
  });

  test('tunnel ports: vxlan 4789/udp, stt 7471/tcp, tunnelPort overrides; noEncap has no tunnel and routes natively', () => {
    const tunnel = (cni: Record<string, unknown>) => antrea.nodeTraffic(network(base(cni))).filter((r) => r.description.includes('overlay'));
    expect(tunnel({ tunnelType: 'vxlan' })).toEqual([{ protocol: 'udp', fromPort: 4789, description: 'Antrea VXLAN overlay' }]);
    expect(tunnel({ tunnelType: 'stt' })).toEqual([{ protocol: 'tcp', fromPort: 7471, description: 'Antrea STT overlay' }]);
    expect(tunnel({ tunnelType: 'vxlan', tunnelPort: 8472 })).toEqual([{ protocol: 'udp', fromPort: 8472, description: 'Antrea VXLAN overlay' }]);
    expect(tunnel({ trafficEncapMode: 'noEncap' })).toEqual([]);
    expect(antrea.routesNatively?.(network(base({ trafficEncapMode: 'noEncap' })))).toBe(true);
    expect(conf(synthObjects(base({ tunnelType: 'vxlan', tunnelPort: 8472 })), 'antrea-agent.conf')).toMatchObject({ tunnelType: 'vxlan', tunnelPort: 8472 });
  });

  test('feature gates go to the conf file(s) whose component lists them, sorted', () => {
    const objs = synthObjects(base({ featureGates: { Multicluster: true, Egress: false, NodeIPAM: false, AntreaProxy: true } }));
    expect(conf(objs, 'antrea-agent.conf').featureGates).toEqual({ AntreaProxy: true, Egress: false, Multicluster: true });
    expect(conf(objs, 'antrea-controller.conf').featureGates).toEqual({ Egress: false, Multicluster: true, NodeIPAM: false });
  });

  test('a literal PSK is refused without echoing it', () => {
    const r = validateClusterNetwork(base({ trafficEncryptionMode: 'ipsec', ipsec: { pskSecret: 'hunter2' } }));
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r.issues)).not.toContain('hunter2');
    expect(r.issues.map((i) => i.path)).toContain('spec.cni.ipsec.pskSecret');
  });

  test('errors name the path and what is allowed', () => {
    const r = validateClusterNetwork(base({ trafficEncapMode: 'noEncap', trafficEncryptionMode: 'wireGuard' }));
    expect(r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'spec.cni.trafficEncryptionMode: wireGuard with trafficEncapMode noEncap: antrea-agent refuses to start ("may only be enabled in encap mode") (allowed: trafficEncapMode encap, or trafficEncryptionMode none)',
    ]);
  });

  test('dual-stack NodeIPAM: one range per family with both masks', () => {
    const objs = synthObjects(base({ nodeIPAM: { enable: true } }, dual));
    expect(conf(objs, 'antrea-controller.conf').nodeIPAM).toMatchObject({ clusterCIDRs: ['10.244.0.0/16', 'fd00:10:244::/56'], nodeCIDRMaskSizeIPv6: 64, serviceCIDRv6: 'fd00:10:96::/112' });
  });

  test('plan rows', () => {
    expect(antrea.planRows?.(network(base({ nodeIPAM: { enable: true } })))).toEqual([
      { label: 'Antrea traffic', value: 'encap (geneve), encryption none' },
      { label: 'AntreaProxy', value: 'ClusterIP only (kube-proxy stays)' },
      { label: 'Antrea NodeIPAM (IPv4)', value: '10.244.0.0/16 in /24 blocks (256 nodes, 253 pod addresses each)' },
    ]);
  });
});

describe('Antrea-native policy: the webhook checks', () => {
  const scope = () => new Chart(Testing.app(), 'policy');

  test('Tier: static names and the priorities the webhook refuses', () => {
    expect(() => new Tier(scope(), 't', { name: 'platform', priority: 10 })).toThrow('Tier platform: metadata.name: platform is a static Tier');
    expect(() => new Tier(scope(), 't', { name: 'mine', priority: 250 })).toThrow('spec.priority: 250 overlaps the static Tier application');
    expect(() => new Tier(scope(), 't', { name: 'mine', priority: 252 })).toThrow('spec.priority: 252 is reserved');
    expect(() => new Tier(scope(), 't', { name: 'mine', priority: 256 })).toThrow('spec.priority: 256 is not an integer 0-255');
    expect(() => new Tier(scope(), 't', { name: 'mine', priority: 100 })).toThrow('overlaps the static Tier securityops');
    expect(() => new Tier(scope(), 't', { name: 'mine', priority: 249 })).not.toThrow();
  });

  test('policies: priority range, unique rule names, appliedTo in spec xor every rule', () => {
    const rule = { action: 'Allow' as const, from: [{ podSelector: {} }] };
    expect(() => new AntreaClusterNetworkPolicy(scope(), 'p', { name: 'p', spec: { priority: 0.5, appliedTo: [{ podSelector: {} }] } })).toThrow('spec.priority: 0.5 is outside');
    expect(() => new AntreaClusterNetworkPolicy(scope(), 'p', { name: 'p', spec: { priority: 1, appliedTo: [{ podSelector: {} }], ingress: [{ ...rule, name: 'a' }, { ...rule, name: 'a' }] } })).toThrow(
      'spec.ingress[1].name: a is also the name of spec.ingress[0]',
    );
    expect(() => new AntreaNetworkPolicy(scope(), 'p', { name: 'p', namespace: 'ns', spec: { priority: 1, ingress: [rule] } })).toThrow('appliedTo needs to be set in either spec or rules');
    expect(() => new AntreaNetworkPolicy(scope(), 'p', { name: 'p', namespace: 'ns', spec: { priority: 1, appliedTo: [{ podSelector: {} }], ingress: [{ ...rule, appliedTo: [{ podSelector: {} }] }] } })).toThrow(
      'appliedTo should not be set in both spec and rules',
    );
  });

  test('ClusterGroup: exactly one kind of selection', () => {
    expect(() => new ClusterGroup(scope(), 'g', { name: 'g', spec: { podSelector: {}, ipBlocks: [{ cidr: '10.0.0.0/8' }] } })).toThrow('ClusterGroup g: spec: combines selectors and ipBlocks');
    expect(() => new ClusterGroup(scope(), 'g', { name: 'g', spec: {} })).toThrow('selects nothing');
  });

  test('the static tiers are those upstream documents', () => {
    expect(STATIC_TIERS).toEqual({ emergency: 50, securityops: 100, networkops: 150, platform: 200, application: 250, baseline: 253 });
  });
});

describeWithReference('Antrea-native policy validates against the Antrea CRDs', () => {
  test('Tier, ClusterGroup, ACNP and ANNP objects validate against crd.antrea.io/v1beta1', () => {
    const chart = new Chart(Testing.app(), 'policy');
    new Tier(chart, 'tier', { name: 'security', priority: 90, description: 'security team' });
    new ClusterGroup(chart, 'dns', { name: 'cluster-dns', spec: { podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } } });
    new ClusterGroup(chart, 'external', { name: 'corp', spec: { ipBlocks: [{ cidr: '172.16.0.0/12', except: ['172.16.1.0/24'] }] } });
    new AntreaClusterNetworkPolicy(chart, 'acnp', {
      name: 'allow-dns-drop-rest',
      spec: {
        tier: 'security',
        priority: 5,
        appliedTo: [{ namespaceSelector: {} }],
        egress: [
          { action: 'Allow', name: 'dns', to: [{ group: 'cluster-dns' }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
          { action: 'Allow', name: 'web', to: [{ fqdn: '*.example.com' }], ports: [{ protocol: 'TCP', port: 443 }] },
          { action: 'Drop', name: 'corp', to: [{ group: 'corp' }], enableLogging: true, logLabel: 'corp-drop' },
        ],
        ingress: [{ action: 'Pass', name: 'same-ns', from: [{ namespaces: { match: 'Self' } }] }],
      },
    });
    new AntreaNetworkPolicy(chart, 'annp', {
      name: 'web',
      namespace: 'shop',
      spec: { priority: 10, appliedTo: [{ podSelector: { matchLabels: { app: 'web' } } }], ingress: [{ action: 'Allow', from: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [{ port: 8080, endPort: 8090 }] }] },
    });
    const objs = Testing.synth(chart);
    expect(objs.map((o) => `${o.apiVersion} ${o.kind}`)).toEqual([
      'crd.antrea.io/v1beta1 Tier',
      'crd.antrea.io/v1beta1 ClusterGroup',
      'crd.antrea.io/v1beta1 ClusterGroup',
      'crd.antrea.io/v1beta1 ClusterNetworkPolicy',
      'crd.antrea.io/v1beta1 NetworkPolicy',
    ]);
    expect(validateObjects(objs)).toEqual([]);
  });

  test('a field the CRD does not define is caught by the CRD schema (the validator is strict)', () => {
    const chart = new Chart(Testing.app(), 'policy');
    new AntreaClusterNetworkPolicy(chart, 'acnp', { name: 'x', spec: { priority: 1, appliedTo: [{ podSelector: {} }], ingress: [{ action: 'Allow', from: [{ fqdn: 'example.com' } as any], extra: 1 } as any] } });
    expect(validateObjects(Testing.synth(chart)).join('\n')).toContain('extra');
  });

  test('the static tiers in the docs match the Tier CRD range (priority 0-255)', () => {
    const crd = readReferenceYaml('antrea', 'chart', 'crds', 'tier.yaml')[0];
    const priority = crd.spec.versions[0].schema.openAPIV3Schema.properties.spec.properties.priority;
    expect([priority.minimum, priority.maximum]).toEqual([0, 255]);
    expect(Object.values(STATIC_TIERS).every((p) => p >= priority.minimum && p <= priority.maximum)).toBe(true);
  });
});

describe('teardown and node cleanup', () => {
  const n = network(base());

  test('teardown deletes the webhooks and APIServices before the controller, and the CRDs last', () => {
    const lines = teardownScript(n).split('\n').filter((l) => l.startsWith('kubectl delete'));
    const at = (what: string) => lines.findIndex((l) => l.includes(what));
    expect(at('validatingwebhookconfiguration.admissionregistration.k8s.io/crdvalidator.antrea.io')).toBeLessThan(at('deployment.apps/antrea-controller'));
    expect(at('apiservice.apiregistration.k8s.io/v1beta2.controlplane.antrea.io')).toBeLessThan(at('deployment.apps/antrea-controller'));
    expect(lines.slice(-20).every((l) => l.includes('customresourcedefinition'))).toBe(true);
  });

  test('node cleanup removes the conflist, the plugin, antrea-gw0 / antrea-tun0, /var/run/antrea and the ANTREA- chains', () => {
    const script = nodeCleanupScript(n);
    for (const line of ['rm -f /etc/cni/net.d/10-antrea.conflist', 'rm -f /opt/cni/bin/antrea', 'ip link delete antrea-gw0', 'ip link delete antrea-tun0', 'rm -rf /var/run/antrea']) expect(script).toContain(line);
    expect(script).toContain('(ANTREA-)');
    expect(script).not.toContain('/opt/cni/bin/portmap');
  });
});

describe('CLI', () => {
  test('synth writes the CRD chart and the install; an invalid Antrea spec writes nothing and names the path', () => {
    const out = tempDir();
    expect(cli('synth', writeSpec(base({ tunnelType: 'vxlan' })), '-o', out).code).toBe(0);
    expect(filesIn(out).length).toBeGreaterThan(0);
    const bad = tempDir();
    const r = cli('synth', writeSpec(base({ noSNAT: true, antreaProxy: { proxyAll: true } })), '-o', bad);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('spec.cni.noSNAT: true with trafficEncapMode encap');
    expect(r.stderr).toContain('spec.cni.kubeAPIServerOverride: is required with antreaProxy.proxyAll');
    expect(filesIn(bad)).toEqual([]);
  });

  test('validate prints warning rules as warnings and still succeeds', () => {
    const r = cli('validate', writeSpec(base({ trafficEncapMode: 'networkPolicyOnly' })));
    expect(r.code).toBe(0);
    expect(r.stderr + r.stdout).toContain('warning: spec.cni.trafficEncapMode: networkPolicyOnly');
  });
});
