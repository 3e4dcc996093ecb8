/** Azure CNI: subnet sizing, AKS networkProfile, fidelity vs the upstream manifests and conflists, invalid specs. */
import { readFileSync } from 'node:fs';
import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { aksNetworkProfile } from '../src/cni/azure-cni/aks-network-profile';
import { AzureCni } from '../src/cni/azure-cni/azure-cni';
import { azureConflist } from '../src/cni/azure-cni/conflist';
import { azureSubnetSizing } from '../src/plan/azure-sizing';
import { Cidr } from '../src/plan/cidr';
import { allocatableBlocks } from '../src/plan/subnet-blocks';
import { renderPlan } from '../src/reports/plan';
import { resolveClusterNetwork, validateClusterNetwork } from '../src/spec/validate';
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
    // The first and the last /28 of the subnet hold Azure's reserved addresses, so 2 more blocks are needed.
    const blocks = (maxPods: number) => azureSubnetSizing({ mode: 'podsubnet', maxCount: 1, maxSurge: 0, maxPods, podIPAllocationMode: 'StaticBlock' }).podSubnet!.addresses / 16 - 2;
    expect([blocks(30), blocks(31), blocks(32)]).toEqual([2, 2, 3]);
  });
  test('podsubnet StaticBlock counts whole /28 blocks: 46 pods need 3 blocks + the 2 reserved edge blocks = 80 → /25, not /26', () => {
    const s = azureSubnetSizing({ mode: 'podsubnet', maxCount: 1, maxSurge: 0, maxPods: 46, podIPAllocationMode: 'StaticBlock' });
    expect(s.podSubnet).toMatchObject({ addresses: 80, prefix: 25 });
    // A /26 has 4 aligned /28s, of which only 2 are whole after the reserved addresses.
    expect(allocatableBlocks(Cidr.of('10.0.0.0/26'), 28)).toBe(2n);
    expect(allocatableBlocks(Cidr.of('10.0.0.0/25'), 28)).toBe(6n);
    expect(allocatableBlocks(Cidr.of('10.0.0.0/28'), 28)).toBe(0n);
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
  test('dual-stack overlay: ipFamilies [IPv4, IPv6], podCidrs and serviceCidrs per family, the IPv6 node subnet on the agent pool', () => {
    expect(aksNetworkProfile(resolveClusterNetwork(loadExample('aks-overlay-dual-stack.yaml')))).toEqual({
      networkProfile: {
        networkPlugin: 'azure',
        networkPluginMode: 'overlay',
        networkDataplane: 'cilium',
        networkPolicy: 'cilium',
        podCidr: '10.244.0.0/16',
        serviceCidr: '10.0.0.0/16',
        dnsServiceIP: '10.0.0.10',
        ipFamilies: ['IPv4', 'IPv6'],
        podCidrs: ['10.244.0.0/16', 'fd12:3456:789a::/64'],
        serviceCidrs: ['10.0.0.0/16', 'fd12:3456:789a:1::/108'],
      },
      agentPool: { maxPods: 250, vnetSubnetCidr: '10.224.0.0/24', vnetSubnetCidrIPv6: 'fd00:db8:10::/64' },
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
    ['aks-overlay-dual-stack.yaml', ['10.224.0.0/12', 'fd00:db8:10::/56', '10.244.0.0/16', 'fd12:3456:789a::/64']],
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
  test('objects: upstream installer (dropgz writes the binaries and its vnet conflist) and ip-masq-agent', () => {
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['DaemonSet/azure-cni', 'ConfigMap/azure-ip-masq-agent-config', 'DaemonSet/azure-ip-masq-agent-user']);
    const init = find(objs, 'DaemonSet', 'azure-cni').spec.template.spec.initContainers;
    expect(init.map((c: any) => c.name)).toEqual(['azure-cni']);
    expect(init[0].image).toBe('mcr.microsoft.com/containernetworking/azure-cni:v1.5.16');
    expect(init[0].args.slice(-3)).toEqual(['azure.conflist', '-o', '/etc/cni/net.d/10-azure.conflist']);
    expect(find(objs, 'DaemonSet', 'azure-cni').spec.template.spec.volumes.map((v: any) => v.name)).toEqual(['cni-conflist', 'cni-bin']);
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

  test('installer DaemonSet equals cni-installer-v1.yaml exactly (no intended differences)', () => {
    const ref = readReferenceYaml('azure-cni', 'hack_manifests_cni-installer-v1.yaml')[0];
    expect(find(ours, 'DaemonSet', 'azure-cni')).toEqual(ref);
    expect(ours.map((o: any) => `${o.kind}/${o.metadata.name}`)).toEqual(['DaemonSet/azure-cni', 'ConfigMap/azure-ip-masq-agent-config', 'DaemonSet/azure-ip-masq-agent-user']);
  });

  test('the conflist dropgz installs is the vnet conflist (azure-linux.conflist), the only mode self-managed allows', () => {
    expect(azureConflist('vnet')).toEqual(JSON.parse(readFileSync(referencePath('azure-cni', 'conflist', 'azure-linux.conflist'), 'utf8')));
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

  test('Cilium dataplane with the node subnet (mode vnet) is accepted: AKS supports it (azure-cni-powered-by-cilium.md, Option 3)', () => {
    const r = validateClusterNetwork(patched(vn, { spec: { cni: { platform: 'aks', dataplane: 'cilium', networkPolicy: undefined } } }));
    expect(r.issues).toEqual([]);
  });
  test('Cilium dataplane: networkPolicy defaults to cilium; none, azure and calico are refused (CiliumDataplaneRequiresNetworkPolicyCilium)', () => {
    const unset = resolveClusterNetwork(patched(ov, { spec: { cni: { networkPolicy: undefined } } }));
    expect(aksNetworkProfile(unset).networkProfile.networkPolicy).toBe('cilium');
    for (const policy of ['none', 'azure', 'calico']) {
      const line = expectRejected(patched(ov, { spec: { cni: { networkPolicy: policy } } }), 'spec.cni.networkPolicy');
      expect(line).toBe(
        `spec.cni.networkPolicy: ${policy} cannot run with the Cilium dataplane: AKS requires network policy cilium (CiliumDataplaneRequiresNetworkPolicyCilium) (allowed: cilium, or leave networkPolicy unset)`,
      );
    }
    // With the Azure dataplane the default stays none.
    expect(aksNetworkProfile(resolveClusterNetwork(patched(ov, { spec: { cni: { dataplane: 'azure', networkPolicy: undefined } } }))).networkProfile.networkPolicy).toBe('none');
  });
  test('policy cilium needs the Cilium dataplane', () => {
    expectRejected(patched(ov, { spec: { cni: { dataplane: 'azure' } } }), 'spec.cni.networkPolicy');
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
    expect(expectRejected(patched(ps, { spec: outside }), 'spec.pods.cidrs[0]')).toBe(
      'spec.pods.cidrs[0]: 10.100.0.0/16 is not inside any of spec.cni.vnet.cidrs [10.240.0.0/12] (allowed: pod ranges inside the VPC/VNet ranges for this CNI)',
    );
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
      expect(sb).toContain('(201 nodes (200 + 1 surge) × 7 /28 blocks (ceil((110 pods + 1) / 16)) + 2 /28 holding the 5 reserved) × 16 = 22,544 (allowed: /17 or larger');
      expectRejected(patched(ps, { spec: { nodes: { maxCount: 251 } } }), 'spec.cni.nodeSubnet');
    });
  });
});

describe('the VNet is resolved once (spec.cni.vnet.cidrs, else spec.nodes.cidrs) and checked by the common checks', () => {
  const ov = loadExample('aks-overlay-cilium.yaml');
  const ps = loadExample('aks-podsubnet.yaml');
  const vn = loadExample('azure-vnet-self-managed.yaml');
  const vnet8 = { cni: { vnet: { cidrs: ['10.0.0.0/8'] } }, nodes: { cidrs: undefined } };

  test('services inside spec.cni.vnet.cidrs are rejected', () => {
    const line = expectRejected(patched(ov, { spec: { ...vnet8, services: { cidrs: ['10.10.0.0/16'], dnsIP: '10.10.0.10' }, pods: { cidrs: ['192.168.0.0/16'] } } }), 'spec.cni.vnet.cidrs[0]');
    expect(line).toBe('spec.cni.vnet.cidrs[0]: 10.0.0.0/8 overlaps spec.services.cidrs[0] 10.10.0.0/16 (allowed: pod, service and node ranges that do not overlap)');
  });
  test('an overlay podCidr inside spec.cni.vnet.cidrs is rejected', () => {
    const line = expectRejected(patched(ov, { spec: { ...vnet8, services: { cidrs: ['192.168.0.0/16'], dnsIP: '192.168.0.10' } } }), 'spec.cni.vnet.cidrs[0]');
    expect(line).toContain('overlaps spec.pods.cidrs[0] 10.244.0.0/16');
  });
  test('modes podsubnet and vnet accept spec.cni.vnet without spec.nodes.cidrs', () => {
    const p = resolveClusterNetwork(patched(ps, { spec: { cni: { vnet: { cidrs: ['10.240.0.0/12'] } }, nodes: { cidrs: undefined } } }));
    expect(aksNetworkProfile(p).agentPool).toMatchObject({ vnetSubnetCidr: '10.240.0.0/24', podSubnetCidr: '10.241.0.0/16' });
    expect(() => resolveClusterNetwork(patched(vn, { spec: { cni: { vnet: { cidrs: ['10.240.0.0/16'] } }, nodes: { cidrs: undefined } } }))).not.toThrow();
  });
  test('underlay modes without any VNet: the message names both places', () => {
    const line = expectRejected(patched(vn, { spec: { nodes: { cidrs: undefined } } }), 'spec.nodes.cidrs');
    expect(line).toBe('spec.nodes.cidrs: is required for a CNI that gives pods underlay (VPC/VNet) addresses (or set spec.cni.vnet.cidrs)');
  });
  test('pods outside spec.cni.vnet.cidrs are reported at their own path', () => {
    expectRejected(patched(vn, { spec: { cni: { vnet: { cidrs: ['10.250.0.0/16'] }, nodeSubnet: '10.250.0.0/20' }, nodes: { cidrs: undefined } } }), 'spec.pods.cidrs[0]');
  });
  test('AKS-rejected ranges: also in the default VNet spec.nodes.cidrs and the node subnet', () => {
    const line = expectRejected(patched(ov, { spec: { nodes: { cidrs: ['172.31.0.0/16'] }, cni: { nodeSubnet: '172.31.0.0/24' } } }), 'spec.nodes.cidrs[0]');
    expect(line).toBe('spec.nodes.cidrs[0]: 172.31.0.0/16 overlaps 172.31.0.0/16, a range AKS rejects (allowed: ranges outside 169.254.0.0/16, 172.30.0.0/16, 172.31.0.0/16, 192.0.2.0/24)');
    expectRejected(patched(ov, { spec: { nodes: { cidrs: ['172.31.0.0/16'] }, cni: { nodeSubnet: '172.31.0.0/24' } } }), 'spec.cni.nodeSubnet');
  });
  test('AKS-rejected ranges do not apply to self-managed clusters (not AKS)', () => {
    const sm = patched(vn, { spec: { pods: { cidrs: ['172.31.0.0/20'] }, nodes: { cidrs: ['172.31.0.0/16'] }, cni: { nodeSubnet: '172.31.0.0/20' } } });
    expect(resolveClusterNetwork(sm).spec.pods.cidrs).toEqual(['172.31.0.0/20']);
  });
});

describe('AKS defaults: agent pool maxPods per mode and the service range', () => {
  const bare = (mode: 'overlay' | 'podsubnet' | 'vnet', extra: Record<string, unknown> = {}) => ({
    apiVersion: 'cdk8s-cni.dev/v1alpha1' as const,
    kind: 'ClusterNetwork' as const,
    metadata: { name: 'aks' },
    spec: {
      pods: { cidrs: [mode === 'overlay' ? '10.244.0.0/16' : mode === 'podsubnet' ? '10.241.0.0/16' : '10.240.0.0/16'] },
      nodes: { cidrs: [mode === 'overlay' ? '10.224.0.0/12' : '10.224.0.0/11'], count: 3 },
      cni: { type: 'azure-cni' as const, mode, nodeSubnet: mode === 'vnet' ? '10.240.0.0/16' : '10.224.0.0/24', ...(mode === 'podsubnet' ? { podSubnet: '10.241.0.0/16' } : {}), ...extra },
    },
  });

  test.each([
    ['overlay', 250],
    ['podsubnet', 110],
    ['vnet', 30],
  ] as const)('%s: maxPods %d, serviceCidr 10.0.0.0/16, dnsServiceIP 10.0.0.10', (mode, maxPods) => {
    const n = resolveClusterNetwork(bare(mode));
    expect(n.spec.pods.maxPerNode).toBe(maxPods);
    const p = aksNetworkProfile(n);
    expect(p.agentPool.maxPods).toBe(maxPods);
    expect(p.networkProfile).toMatchObject({ serviceCidr: '10.0.0.0/16', dnsServiceIP: '10.0.0.10' });
  });

  test('self-managed keeps the kubelet and kubeadm defaults (110, 10.96.0.0/12)', () => {
    const n = resolveClusterNetwork(bare('vnet', { platform: 'self-managed' }));
    expect(n.spec.pods.maxPerNode).toBe(110);
    expect(n.spec.services.cidrs).toEqual(['10.96.0.0/12']);
  });

  test('explicit values win', () => {
    const n = resolveClusterNetwork(patched(bare('overlay'), { spec: { pods: { maxPerNode: 100 }, services: { cidrs: ['10.2.0.0/16'] } } }));
    expect([n.spec.pods.maxPerNode, n.spec.services.cidrs, n.spec.services.dnsIP]).toEqual([100, ['10.2.0.0/16'], '10.2.0.10']);
  });

  test('AKS needs a service range smaller than /12', () => {
    const line = expectRejected(patched(bare('overlay'), { spec: { services: { cidrs: ['10.16.0.0/12'] } } }), 'spec.services.cidrs[0]');
    expect(line).toBe('spec.services.cidrs[0]: 10.16.0.0/12 is too large for AKS, which needs a service range smaller than /12 (allowed: /13 or longer)');
  });
});

describe('AKS dual-stack overlay (azure-cni-overlay.md "Dual-stack Networking")', () => {
  const ds = loadExample('aks-overlay-dual-stack.yaml');

  test('the example is valid, and its defaults are AKS\'s: service ranges 10.0.0.0/16 + fd12:3456:789a:1::/108, the IPv6 node subnet the first /64', () => {
    expect(validateClusterNetwork(ds).issues).toEqual([]);
    const defaults = resolveClusterNetwork(patched(ds, { spec: { services: undefined, cni: { nodeSubnetIPv6: undefined } } }));
    expect(defaults.spec.services.cidrs).toEqual(['10.0.0.0/16', 'fd12:3456:789a:1::/108']);
    expect(aksNetworkProfile(defaults).agentPool.vnetSubnetCidrIPv6).toBe('fd00:db8:10::/64');
  });
  test.each([
    ['IPv6 first', { ipFamilies: ['IPv6', 'IPv4'], pods: { cidrs: ['fd12:3456:789a::/64', '10.244.0.0/16'] }, services: { cidrs: ['fd12:3456:789a:1::/108', '10.0.0.0/16'], dnsIP: 'fd12:3456:789a:1::a' } }, 'spec.ipFamilies', 'whose ipFamilies are ipv4 or ipv4,ipv6'],
    ['a VNet mode', { pods: { cidrs: ['10.225.0.0/16', 'fd00:db8:10:1::/64'] }, cni: { mode: 'podsubnet', podSubnet: '10.225.0.0/16' } }, 'spec.ipFamilies', 'needs mode overlay, but mode is podsubnet'],
    ['Calico network policy', { cni: { dataplane: 'azure', networkPolicy: 'calico' } }, 'spec.cni.networkPolicy', 'calico network policy is not supported with dual-stack'],
    // AKS's own /108 limit equals kube-apiserver's, which the common IP-plan checks apply to every CNI.
    ['an IPv6 service range larger than /108', { services: { cidrs: ['10.0.0.0/16', 'fd12:3456:789a:1::/100'] } }, 'spec.services.cidrs[1]', 'larger than /108'],
    ['an IPv6 node subnet that is not a /64', { cni: { nodeSubnetIPv6: 'fd00:db8:10::/80' } }, 'spec.cni.nodeSubnetIPv6', 'exactly /64'],
    ['an IPv6 node subnet outside the VNet', { cni: { nodeSubnetIPv6: 'fd00:db8:99::/64' } }, 'spec.cni.nodeSubnetIPv6', 'is not inside the VNet'],
    ['no IPv6 VNet range', { nodes: { cidrs: ['10.224.0.0/12'] }, cni: { nodeSubnetIPv6: undefined } }, 'spec.cni.nodeSubnetIPv6', 'is required: the IPv6 node subnet'],
    ['self-managed', { pods: { cidrs: ['10.224.0.0/24', 'fd00:db8:10::/64'] }, cni: { platform: 'self-managed', mode: 'vnet', dataplane: 'azure' } }, 'spec.ipFamilies', 'needs Azure CNI Overlay'],
  ])('refused: %s', (_name, spec, path, fragment) => {
    expect(expectRejected(patched(ds, { spec }), path)).toContain(fragment);
  });
});
