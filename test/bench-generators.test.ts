/** The benchmark inputs (bench/): valid specs and apps of the requested sizes. Only S is built here (fast). */
import { benchApp, benchSpec } from '../bench/generators';
import { scaledObjects, SIZES } from '../bench/sizes';
import { synthObjects } from '../src/synth';
import { validateClusterNetwork } from '../src/spec/validate';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> } };

describe('bench sizes', () => {
  test('L is the size the issue asks for', () => {
    expect(SIZES.L).toEqual({ name: 'L', ipPools: 500, bgpPeers: 1000, policies: 2000, networks: 2000, pods: 2000 });
    expect(scaledObjects(SIZES.L)).toBe(7500);
    expect(scaledObjects(SIZES.base)).toBe(0);
  });
});

describe('bench generators at S', () => {
  const size = SIZES.S;
  const spec = benchSpec(size);

  test('the spec is valid and holds the requested pools, peers and networks', () => {
    const r = validateClusterNetwork(spec);
    expect(r.issues).toEqual([]);
    const cni = spec.spec.cni as { ipPools: unknown[]; bgp: { peers: Array<{ password?: unknown }> } };
    expect(cni.ipPools).toHaveLength(size.ipPools);
    expect(cni.bgp.peers).toHaveLength(size.bgpPeers);
    expect(cni.bgp.peers.filter((p) => p.password).length).toBeGreaterThan(0);
    expect(spec.spec.multus?.networks).toHaveLength(size.networks);
  });

  test('the app synthesizes every object once: pools, peers, networks, policies, pods with 3 networks (half with static IPs)', () => {
    const app = benchApp(size, spec);
    const objs = app.charts.flatMap((c) => c.toJson() as Obj[]);
    app.synthYaml(); // runs the attachment and network checks
    const count = (kind: string, group?: string) => objs.filter((o) => o.kind === kind && (!group || o.apiVersion.startsWith(group))).length;
    expect(count('IPPool')).toBe(size.ipPools);
    expect(count('BGPPeer')).toBe(size.bgpPeers);
    expect(count('NetworkAttachmentDefinition')).toBe(size.networks);
    expect(count('GlobalNetworkPolicy') + count('NetworkPolicy', 'crd.projectcalico.org')).toBe(size.policies);
    const pods = objs.filter((o) => o.kind === 'Pod');
    expect(pods).toHaveLength(size.pods);
    const attachments = pods.map((p) => JSON.parse(p.metadata.annotations?.['k8s.v1.cni.cncf.io/networks'] ?? '[]') as Array<{ ips?: string[] }>);
    expect(attachments.every((a) => a.length === 3)).toBe(true);
    expect(attachments.filter((a) => a.some((x) => x.ips?.length)).length).toBe(size.pods / 2);
    // the same objects the plain synth path produces for the spec part
    expect(objs.filter((o) => o.kind !== 'Pod' && !/Policy$/.test(o.kind))).toHaveLength(synthObjects(spec).length);
  });

  test('sizes that do not fit the generator are refused', () => {
    expect(() => benchSpec({ ...size, networks: 150 })).toThrow(/multiple of 100/);
  });
});
