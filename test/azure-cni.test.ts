/** Azure CNI: subnet sizing, AKS networkProfile, fidelity vs the upstream manifests and conflists, invalid specs. */
import { readFileSync } from 'node:fs';
import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { aksNetworkProfile } from '../src/cni/azure-cni/aks-network-profile';
import { AzureCni } from '../src/cni/azure-cni/azure-cni';
import { azureConflist } from '../src/cni/azure-cni/conflist';
import { azureSubnetSizing } from '../src/plan/azure-sizing';
import { renderPlan } from '../src/plan/report';
import { resolveClusterNetwork } from '../src/spec/validate';
import { cniModuleFor } from '../src/cni/registry';
import { find, loadExample, synthExample } from './support/examples';
import { expectRejected, patched } from './support/reject';
import { describeWithReference, readReferenceYaml, referencePath } from './support/shared';

describe('subnet sizing (azure-aks-docs ip-address planning)', () => {
  test('vnet: N=50, S=1, maxPods=30 → 51 + 51×30 + 5 = 1,586 → /21 (the docs example, plus the 5 reserved)', () => {
    const s = azureSubnetSizing({ mode: 'vnet', maxCount: 50, maxPods: 30 });
    expect(s.nodes).toBe(51);
    expect(s.nodeSubnet).toEqual({ addresses: 1586, prefix: 21, formula: '51 nodes (50 + 1 surge) × (1 node + 30 pods) + 5 reserved' });
  });
  test('vnet, +10 nodes: 61 + 61×30 + 5 = 1,896 → /21', () => {
    expect(azureSubnetSizing({ mode: 'vnet', maxCount: 60, maxPods: 30 }).nodeSubnet.addresses).toBe(1896);
  });
  test('overlay: node subnet N + S + 5; podCidr one /24 per node', () => {
    const s = azureSubnetSizing({ mode: 'overlay', maxCount: 255, maxPods: 250 });
    expect(s.nodeSubnet).toMatchObject({ addresses: 261, prefix: 23 });
    expect(s.podCidr).toMatchObject({ addresses: 256 * 256, prefix: 16 });
    expect(azureSubnetSizing({ mode: 'overlay', maxCount: 256, maxPods: 250 }).podCidr?.prefix).toBe(15);
  });
  test('podsubnet DynamicIndividual: nodes × (maxPods + 16) + 5', () => {
    expect(azureSubnetSizing({ mode: 'podsubnet', maxCount: 9, maxPods: 110 }).podSubnet).toMatchObject({ addresses: 10 * 126 + 5, prefix: 21 });
  });
  test('podsubnet StaticBlock: ceil((maxPods + 1) / 16) /28 blocks per node: 30 → 2, 31 → 2, 32 → 3', () => {
    const blocks = (maxPods: number) => (azureSubnetSizing({ mode: 'podsubnet', maxCount: 1, maxSurge: 0, maxPods, podIPAllocationMode: 'StaticBlock' }).podSubnet!.addresses - 5) / 16;
    expect([blocks(30), blocks(31), blocks(32)]).toEqual([2, 2, 3]);
  });
});

describe('aksNetworkProfile', () => {
  test('overlay + Cilium dataplane', () => {
    expect(aksNetworkProfile(resolveClusterNetwork(loadExample('aks-overlay-cilium.yaml')))).toEqual({
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkDataplane: 'cilium',
        networkPolicy: 'cilium',
        podCidr: '10.244.0.0/16',
        serviceCidr: '10.0.0.0/16',
        dnsServiceIP: '10.0.0.10',
      },
      agentPool: { maxPods: 250, vnetSubnetCidr: '10.224.0.0/24' },
    });
  });
  test('pod subnet: no podCidr; pod subnet on the agent pool', () => {
    expect(aksNetworkProfile(resolveClusterNetwork(loadExample('aks-podsubnet.yaml')))).toEqual({
      networkProfile: { networkPlugin: 'azure', networkDataplane: 'azure', networkPolicy: 'calico', serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10' },
      agentPool: { maxPods: 110, vnetSubnetCidr: '10.240.0.0/24', podSubnetCidr: '10.241.0.0/16', podIPAllocationMode: 'DynamicIndividual' },
    });
  });
  test('throws for another CNI type', () => {
    expect(() => aksNetworkProfile(resolveClusterNetwork(loadExample('eks-prefix-delegation.yaml')))).toThrow(/expected azure-cni/);
  });
});

describe('AKS examples: synth emits the user ip-masq-agent config', () => {
  test.each([
    ['aks-overlay-cilium.yaml', ['10.224.0.0/12', '10.244.0.0/16']],
    ['aks-podsubnet.yaml', ['10.240.0.0/12']],
  ])('%s', (file, cidrs) => {
    const objs = synthExample(file);
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['ConfigMap/azure-ip-masq-agent-config-user']);
    const cm = find(objs, 'ConfigMap', 'azure-ip-masq-agent-config-user');
    expect(cm.metadata.namespace).toBe('kube-system');
    expect(parse(cm.data['ip-masq-agent-reconciled'])).toEqual({ nonMasqueradeCIDRs: cidrs, masqLinkLocal: false, masqLinkLocalIPv6: true });
  });

  test('plan prints the subnet sizing with headroom', () => {
    const plan = renderPlan(resolveClusterNetwork(loadExample('aks-podsubnet.yaml')));
    expect(plan).toContain('| Pod subnet | 10.241.0.0/16 | 201 nodes (200 + 1 surge) × (110 pods + 16 batch) + 5 reserved | 25,331 | /17 | 40,205 |');
    expect(cniModuleFor('azure-cni').nodeTraffic(resolveClusterNetwork(loadExample('aks-podsubnet.yaml')))).toEqual([]);
  });
});

describe('azure-vnet-self-managed example', () => {
  const objs = synthExample('azure-vnet-self-managed.yaml');
  test('objects and the conflist the installer copies', () => {
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      'ConfigMap/azure-cni-conflist',
      'DaemonSet/azure-cni',
      'ConfigMap/azure-ip-masq-agent-config',
      'DaemonSet/azure-ip-masq-agent-user',
    ]);
    expect(JSON.parse(find(objs, 'ConfigMap', 'azure-cni-conflist').data['10-azure.conflist'])).toEqual(azureConflist('vnet'));
    const init = find(objs, 'DaemonSet', 'azure-cni').spec.template.spec.initContainers;
    expect(init[1].args).toEqual(['-f', '/etc/azure-cni/10-azure.conflist', '/etc/cni/net.d/10-azure.conflist']);
    expect(parse(find(objs, 'ConfigMap', 'azure-ip-masq-agent-config').data['ip-masq-agent'])).toEqual({ nonMasqueradeCIDRs: ['10.240.0.0/16'], masqLinkLocal: false, masqLinkLocalIPv6: true });
  });
});

describeWithReference('fidelity vs azure-container-networking v1.8.12 manifests and conflists', () => {
  test.each([
    ['vnet', 'azure-linux.conflist'],
    ['podsubnet', 'azure-linux-swift.conflist'],
    ['overlay', 'azure-linux-swift-overlay.conflist'],
  ] as const)('conflist %s equals %s', (mode, file) => {
    expect(azureConflist(mode)).toEqual(JSON.parse(readFileSync(referencePath('azure-cni', 'conflist', file), 'utf8')));
  });

  const app = new App();
  const chart = new Chart(app, 'azure');
  new AzureCni(chart, 'azure', { ipMasqAgent: { nonMasqueradeCidrs: ['192.168.0.0/16', '100.64.0.0/10', '10.244.0.0/16'] } });
  const ours = chart.toJson();

  test('installer DaemonSet equals cni-installer-v1.yaml, except the listed differences', () => {
    const ref = readReferenceYaml('azure-cni', 'hack_manifests_cni-installer-v1.yaml')[0];
    const ds = find(ours, 'DaemonSet', 'azure-cni');
    const r = structuredClone(ref);
    // Intended differences: dropgz no longer writes its built-in conflist (the spec's conflist is copied by a second
    // init container from the azure-cni-conflist ConfigMap, mounted as a volume).
    r.spec.template.spec.initContainers[0].args = r.spec.template.spec.initContainers[0].args.slice(0, -3);
    expect(ref.spec.template.spec.initContainers[0].args.slice(-3)).toEqual(['azure.conflist', '-o', '/etc/cni/net.d/10-azure.conflist']);
    r.spec.template.spec.initContainers.push(ds.spec.template.spec.initContainers[1]);
    r.spec.template.spec.volumes.push({ name: 'azure-cni-conflist', configMap: { name: 'azure-cni-conflist' } });
    expect(ds).toEqual(r);
  });

  test('ip-masq-agent DaemonSet and ConfigMap equal upstream, except the AKS-only node label', () => {
    const ref = readReferenceYaml('azure-cni', 'ip-masq-agent_ip-masq-agent.yaml')[0];
    const r = structuredClone(ref);
    const terms = r.spec.template.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0];
    expect(terms.matchExpressions[0]).toEqual({ key: 'kubernetes.azure.com/cluster', operator: 'Exists' });
    terms.matchExpressions.shift(); // self-managed nodes carry no kubernetes.azure.com/cluster label
    expect(find(ours, 'DaemonSet', 'azure-ip-masq-agent-user')).toEqual(r);
    const refCm = readReferenceYaml('azure-cni', 'ip-masq-agent_config-custom.yaml')[0];
    const cm = find(ours, 'ConfigMap', 'azure-ip-masq-agent-config');
    expect(cm.metadata).toEqual(refCm.metadata);
    expect(parse(cm.data['ip-masq-agent'])).toEqual(parse(refCm.data['ip-masq-agent']));
  });
});

describe('invalid specs: exit 1, exact path, nothing written', () => {
  const ov = loadExample('aks-overlay-cilium.yaml');
  const ps = loadExample('aks-podsubnet.yaml');
  const vn = loadExample('azure-vnet-self-managed.yaml');

  test('Cilium dataplane needs overlay or pod subnet', () => {
    const line = expectRejected(patched(vn, { spec: { cni: { platform: 'aks', dataplane: 'cilium' } } }), 'spec.cni.dataplane');
    expect(line).toContain('cilium needs mode overlay or podsubnet');
  });
  test('policy cilium needs the Cilium dataplane', () => {
    expectRejected(patched(ov, { spec: { cni: { dataplane: 'azure' } } }), 'spec.cni.networkPolicy');
  });
  test('policy azure/calico cannot run with the Cilium dataplane', () => {
    expectRejected(patched(ov, { spec: { cni: { networkPolicy: 'calico' } } }), 'spec.cni.networkPolicy');
  });
  test('overlay ⇒ plugin azure holds by construction: every profile says networkPlugin azure', () => {
    expect(aksNetworkProfile(resolveClusterNetwork(ov)).networkProfile.networkPlugin).toBe('azure');
  });
  test.each([
    ['spec.pods.cidrs[0]', { pods: { cidrs: ['172.30.0.0/16'] } }],
    ['spec.services.cidrs[0]', { services: { cidrs: ['169.254.0.0/16'], dnsIP: '169.254.0.10' } }],
    ['spec.cni.vnet.cidrs[0]', { cni: { vnet: { cidrs: ['192.0.2.0/24'] }, nodeSubnet: '192.0.2.0/25' } }],
  ])('a range AKS rejects at %s', (path, spec) => {
    expect(expectRejected(patched(ov, { spec }), path)).toContain('a range AKS rejects');
  });
  test('node subnet outside the VNet', () => {
    expectRejected(patched(ov, { spec: { cni: { nodeSubnet: '10.100.0.0/24' } } }), 'spec.cni.nodeSubnet');
  });
  test('pod subnet outside the VNet; overlapping the node subnet; differing from pods.cidrs; missing', () => {
    const outside = { pods: { cidrs: ['10.100.0.0/16'] }, nodes: { cidrs: ['10.240.0.0/12', '10.100.0.0/16'] }, cni: { podSubnet: '10.100.0.0/16', vnet: { cidrs: ['10.240.0.0/12'] } } };
    expect(expectRejected(patched(ps, { spec: outside }), 'spec.cni.podSubnet')).toContain('is not inside the VNet [10.240.0.0/12]');
    expectRejected(patched(ps, { spec: { pods: { cidrs: ['10.240.0.0/16'] }, cni: { podSubnet: '10.240.0.0/16' } } }), 'spec.cni.podSubnet');
    expectRejected(patched(ps, { spec: { pods: { cidrs: ['10.242.0.0/16'] } } }), 'spec.pods.cidrs[0]');
    expectRejected(patched(ps, { spec: { cni: { podSubnet: undefined } } }), 'spec.cni.podSubnet');
    expectRejected(patched(ov, { spec: { cni: { podSubnet: '10.225.0.0/16' } } }), 'spec.cni.podSubnet');
  });
  test('mode vnet: pods.cidrs must be the node subnet', () => {
    expectRejected(patched(vn, { spec: { pods: { cidrs: ['10.240.16.0/20'] } } }), 'spec.pods.cidrs[0]');
  });
  test('overlay needs /24 node blocks', () => {
    expectRejected(patched(ov, { spec: { pods: { nodeMaskSize: 23 } } }), 'spec.pods.nodeMaskSize');
  });
  test('maxPods outside 10-250 on AKS', () => {
    expectRejected(patched(ps, { spec: { pods: { maxPerNode: 300 } } }), 'spec.pods.maxPerNode');
  });
  test('self-managed supports mode vnet, dataplane azure and no policy engine only', () => {
    expectRejected(patched(ov, { spec: { cni: { platform: 'self-managed', dataplane: 'azure', networkPolicy: 'none' } } }), 'spec.cni.mode');
    expectRejected(patched(vn, { spec: { cni: { networkPolicy: 'azure' } } }), 'spec.cni.networkPolicy');
  });

  describe('subnet sizing with maxCount + 1 surge and 5 reserved: the numbers and the smallest prefix', () => {
    test('vnet: node subnet too small for nodes and pods', () => {
      const line = expectRejected(patched(vn, { spec: { pods: { cidrs: ['10.240.0.0/22'] }, cni: { nodeSubnet: '10.240.0.0/22' } } }), 'spec.cni.nodeSubnet');
      expect(line).toBe(
        'spec.cni.nodeSubnet: 10.240.0.0/22 has 1,024 addresses but the node subnet (nodes and pods) needs 51 nodes (50 + 1 surge) × (1 node + 30 pods) + 5 reserved = 1,586 (allowed: /21 or larger, or fewer spec.nodes.maxCount / spec.pods.maxPerNode)',
      );
    });
    test('overlay: node subnet and podCidr', () => {
      expect(expectRejected(patched(ov, { spec: { cni: { nodeSubnet: '10.224.0.0/26' } } }), 'spec.cni.nodeSubnet')).toContain('= 106 (allowed: /25 or larger');
      const line = expectRejected(patched(ov, { spec: { nodes: { maxCount: 256 }, cni: { nodeSubnet: '10.224.0.0/23' } } }), 'spec.pods.cidrs[0]');
      expect(line).toBe(
        'spec.pods.cidrs[0]: 10.244.0.0/16 holds 256 /24 node blocks but 257 nodes (256 + 1 surge) × one /24 (256 addresses) = 65,792 addresses are needed (allowed: /15 or larger, or fewer spec.nodes.maxCount)',
      );
    });
    test('podsubnet: pod subnet (DynamicIndividual and StaticBlock) and node subnet', () => {
      const line = expectRejected(patched(ps, { spec: { pods: { cidrs: ['10.241.0.0/20'] }, cni: { podSubnet: '10.241.0.0/20' } } }), 'spec.cni.podSubnet');
      expect(line).toContain('needs 201 nodes (200 + 1 surge) × (110 pods + 16 batch) + 5 reserved = 25,331 (allowed: /17 or larger');
      const sb = expectRejected(patched(ps, { spec: { pods: { cidrs: ['10.241.0.0/19'] }, cni: { podSubnet: '10.241.0.0/19', podIPAllocationMode: 'StaticBlock' } } }), 'spec.cni.podSubnet');
      expect(sb).toContain('201 nodes (200 + 1 surge) × 7 /28 blocks (ceil((110 pods + 1) / 16)) + 5 reserved = 22,517 (allowed: /17 or larger');
      expectRejected(patched(ps, { spec: { nodes: { maxCount: 251 } } }), 'spec.cni.nodeSubnet');
    });
  });
});
