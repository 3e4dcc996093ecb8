/**
 * fast-check arbitraries over the ClusterNetwork spec, built from its vocabulary (SPEC.md): the overlay CNIs and
 * their main options, the address families, pod / service / node ranges that never overlap by construction (pods in
 * 10.128.0.0/9 and fd00:10:244::/48, services in 10.96.0.0/12 and fd00:10:96::/108, nodes in 192.168.0.0/16 and
 * fd00:192:168::/48, Multus ranges in 172.16.0.0/12), node capacity that fits the pod range, and Multus networks.
 * `mutationArb` then breaks a valid spec the ways a careless or hostile author would.
 */
import fc from 'fast-check';
import { exampleFiles, loadExample } from '../support/examples';

type Json = Record<string, unknown>;

/** The fixed seed of every property (override with PROPERTY_SEED to explore; fast-check prints the seed on failure). */
export const SEED = Number(process.env.PROPERTY_SEED ?? 20261203);

const FAMILIES = [['IPv4'], ['IPv6'], ['IPv4', 'IPv6'], ['IPv6', 'IPv4']] as const;

/** Main options of each overlay CNI (the ones that change what is rendered); IPv4-only CNIs say so. */
const CNIS: ReadonlyArray<{ type: string; ipv4Only?: boolean; options: fc.Arbitrary<Json> }> = [
  { type: 'flannel', options: fc.record({ backend: fc.constantFrom('vxlan', 'host-gw', 'wireguard'), enableNFTables: fc.boolean() }, { requiredKeys: [] }) },
  { type: 'calico', options: fc.record({ bgp: fc.record({ enabled: fc.boolean() }) }, { requiredKeys: [] }) },
  { type: 'canal', options: fc.constant({}) },
  {
    type: 'cilium',
    options: fc.record(
      {
        routingMode: fc.constantFrom('tunnel', 'native'),
        tunnelProtocol: fc.constantFrom('vxlan', 'geneve'),
        kubeProxyReplacement: fc.boolean(),
        policyEnforcementMode: fc.constantFrom('default', 'always', 'never'),
        hubble: fc.record({ relay: fc.boolean() }),
      },
      { requiredKeys: [] },
    ),
  },
  { type: 'weave', ipv4Only: true, options: fc.record({ noMasqLocal: fc.boolean() }, { requiredKeys: [] }) },
  { type: 'kube-router', options: fc.record({ overlayType: fc.constantFrom('subnet', 'full'), overlayEncap: fc.constantFrom('ipip', 'fou') }, { requiredKeys: [] }) },
  { type: 'antrea', options: fc.record({ tunnelType: fc.constantFrom('geneve', 'vxlan') }, { requiredKeys: [] }) },
];

/** Ranges of one family that do not overlap, with node blocks that hold `maxCount` nodes of `maxPerNode` pods. */
interface FamilyRanges {
  readonly pod: string;
  readonly service: string;
  readonly node?: string;
  readonly nodeMask: number;
  readonly dnsIP?: string;
}

const v4 = (a: number) => [a >>> 24, (a >>> 16) & 255, (a >>> 8) & 255, a & 255].join('.');
/** `fd00:10:96::` plus an offset below 2^32 (two groups). */
const v6 = (prefix: string, offset: number) => `${prefix}${(offset >>> 16).toString(16)}:${(offset & 0xffff).toString(16)}`;
const log2ceil = (n: number) => Math.ceil(Math.log2(Math.max(1, n)));

function ipv4Ranges(maxCount: number, maxPerNode: number): fc.Arbitrary<FamilyRanges> {
  const hostBits = Math.max(2, log2ceil(maxPerNode + 3)); // host-local keeps network, gateway and broadcast
  const need = log2ceil(maxCount);
  return fc
    .record({
      podPrefix: fc.integer({ min: 12, max: 20 }),
      servicePrefix: fc.integer({ min: 12, max: 28 }),
      nodePrefix: fc.option(fc.integer({ min: 16, max: 28 }), { nil: undefined }),
      slack: fc.integer({ min: 0, max: 4 }),
      dnsOffset: fc.option(fc.integer({ min: 2, max: 1 << 20 }), { nil: undefined }),
    })
    .filter(({ podPrefix }) => podPrefix + need <= 32 - hostBits)
    .map(({ podPrefix, servicePrefix, nodePrefix, slack, dnsOffset }) => {
      const nodeMask = Math.min(32 - hostBits, podPrefix + need + slack);
      const size = 2 ** (32 - servicePrefix);
      const svc = 0x0a600000; // 10.96.0.0
      return {
        pod: `10.128.0.0/${podPrefix}`,
        service: `${v4(svc)}/${servicePrefix}`,
        node: nodePrefix === undefined ? undefined : `192.168.0.0/${nodePrefix}`,
        nodeMask,
        dnsIP: dnsOffset === undefined ? undefined : v4(svc + 2 + (dnsOffset % (size - 3))),
      };
    });
}

function ipv6Ranges(maxCount: number): fc.Arbitrary<FamilyRanges> {
  const need = log2ceil(maxCount);
  return fc
    .record({
      podPrefix: fc.constantFrom(48, 56, 64),
      servicePrefix: fc.integer({ min: 108, max: 124 }),
      node: fc.boolean(),
      slack: fc.integer({ min: 0, max: 8 }),
      dnsOffset: fc.option(fc.integer({ min: 2, max: 1 << 20 }), { nil: undefined }),
    })
    .map(({ podPrefix, servicePrefix, node, slack, dnsOffset }) => {
      const size = 2 ** (128 - servicePrefix);
      return {
        pod: `fd00:10:244::/${podPrefix}`,
        service: `fd00:10:96::/${servicePrefix}`,
        node: node ? 'fd00:192:168::/64' : undefined,
        nodeMask: Math.min(podPrefix + 16, Math.max(64, podPrefix + need + slack)),
        dnsIP: dnsOffset === undefined ? undefined : v6('fd00:10:96::', 2 + (dnsOffset % (size - 2))),
      };
    });
}

const IPAMS = (i: number): fc.Arbitrary<Json | undefined> =>
  fc.constantFrom<Json | undefined>(
    undefined,
    { type: 'host-local', subnet: `172.16.${i}.0/24`, rangeStart: `172.16.${i}.10`, rangeEnd: `172.16.${i}.99`, gateway: `172.16.${i}.1` },
    { type: 'whereabouts', range: `172.17.${i}.0/24`, exclude: [`172.17.${i}.0/28`] },
    { type: 'static', addresses: [{ address: `172.18.${i}.2/24`, gateway: `172.18.${i}.1` }] },
    { type: 'dhcp' },
  );

const PLUGINS: fc.Arbitrary<Json> = fc.oneof(
  fc.record({ type: fc.constant('macvlan'), master: fc.constantFrom('eth1', 'ens4'), mode: fc.constantFrom('bridge', 'private', 'vepa') }),
  fc.record({ type: fc.constant('ipvlan'), master: fc.constant('eth1'), mode: fc.constantFrom('l2', 'l3') }),
  fc.record({ type: fc.constant('bridge'), bridge: fc.constant('br1'), vlan: fc.integer({ min: 1, max: 4094 }) }),
  fc.record({ type: fc.constant('vlan'), master: fc.constant('eth1'), vlanId: fc.integer({ min: 1, max: 4094 }) }),
  fc.record({ type: fc.constant('sriov'), resourceName: fc.constant('intel.com/sriov_netdevice') }),
);

/** Plugins that give the interface no address of their own need an IPAM (multus/ipam-required). */
const NEEDS_IPAM = new Set(['ipvlan', 'vlan', 'ptp']);

function multusArb(): fc.Arbitrary<Json | undefined> {
  const network = (i: number) =>
    fc
      .record({ plugin: PLUGINS, ipam: IPAMS(i), namespace: fc.constantFrom('default', 'telco') })
      .filter(({ plugin, ipam }) => ipam !== undefined || !NEEDS_IPAM.has(plugin.type as string))
      .map(({ plugin, ipam, namespace }) => ({
      name: `net${i}`,
      namespace,
      plugin,
      ...(ipam ? { ipam } : {}),
    }));
  return fc.option(
    fc.integer({ min: 1, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => network(i))).map((networks) => ({ networks }))),
    { nil: undefined, freq: 2 },
  );
}

/** Options another choice makes required (each names the rule that requires it). */
function requiredOptions(type: string, options: Json, families: readonly string[], ranges: readonly FamilyRanges[]): Json {
  const pod = (f: string) => ranges[families.indexOf(f)]?.pod;
  if (type === 'kube-router' && families[0] === 'IPv6') return { routerId: 'generate' }; // kube-router/ipv6-router-id
  if (type !== 'cilium') return {};
  return {
    // cilium/native-routing-cidr-required
    ...(options.routingMode === 'native' && pod('IPv4') ? { ipv4NativeRoutingCIDR: pod('IPv4') } : {}),
    ...(options.routingMode === 'native' && pod('IPv6') ? { ipv6NativeRoutingCIDR: pod('IPv6') } : {}),
    // cilium/kube-proxy-replacement-api-server
    ...(options.kubeProxyReplacement ? { k8sServiceHost: 'api.cluster.internal', k8sServicePort: 6443 } : {}),
  };
}

/** A valid ClusterNetwork document (as written in YAML) from the spec's vocabulary. */
export function validSpecArb(): fc.Arbitrary<Json> {
  return fc
    .record({
      cni: fc.constantFrom(...CNIS),
      families: fc.constantFrom(...FAMILIES),
      count: fc.integer({ min: 1, max: 20 }),
      extra: fc.integer({ min: 0, max: 30 }),
      maxPerNode: fc.option(fc.integer({ min: 8, max: 250 }), { nil: undefined }),
      mtu: fc.option(fc.constantFrom(1400, 1450, 1500, 9000), { nil: undefined }),
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/),
    })
    .filter(({ cni, families }) => !(cni.ipv4Only && (families as readonly string[]).includes('IPv6')))
    .chain(({ cni, families, count, extra, maxPerNode, mtu, name }) => {
      const maxCount = count + extra;
      const pods = maxPerNode ?? 110;
      const perFamily = families.map((f) => (f === 'IPv4' ? ipv4Ranges(maxCount, pods) : ipv6Ranges(maxCount)));
      return fc.tuple(fc.tuple(...perFamily), cni.options, multusArb(), fc.boolean()).map(([ranges, options, multus, dns]) => {
        const v4r = ranges.find((_, i) => families[i] === 'IPv4');
        const v6r = ranges.find((_, i) => (families as readonly string[])[i] === 'IPv6');
        const nodeCidrs = ranges.flatMap((r) => (r.node ? [r.node] : []));
        return {
          apiVersion: 'cdk8s-cni.dev/v1alpha1',
          kind: 'ClusterNetwork',
          metadata: { name },
          spec: {
            ipFamilies: [...families],
            pods: {
              cidrs: ranges.map((r) => r.pod),
              ...(v4r ? { nodeMaskSize: v4r.nodeMask } : {}),
              ...(v6r ? { nodeMaskSizeIPv6: v6r.nodeMask } : {}),
              ...(maxPerNode ? { maxPerNode } : {}),
            },
            services: { cidrs: ranges.map((r) => r.service), ...(dns && ranges[0].dnsIP ? { dnsIP: ranges[0].dnsIP } : {}) },
            nodes: { count, ...(extra ? { maxCount } : {}), ...(mtu ? { mtu } : {}), ...(nodeCidrs.length ? { cidrs: nodeCidrs } : {}) },
            cni: { type: cni.type, ...options, ...requiredOptions(cni.type, options, families, ranges) },
            ...(multus ? { multus } : {}),
          },
        };
      });
    });
}

/** Every CIDR edge worth trying wherever a range is written. */
export const CIDR_EDGES = [
  '255.255.255.255/32',
  '0.0.0.0/0',
  '::/0',
  '10.96.0.0/32',
  '10.96.0.0/31',
  '255.255.255.254/31',
  '255.255.255.248/29',
  'fd00:10:96::/128',
  'fd00:10:96::/127',
  'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128',
  'ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127',
  '::ffff:10.0.0.0/104',
  '::ffff:10.96.0.0/108',
  '10.0.0.0/33',
  'fd00::/129',
  '10.0.0.0/08',
  '10.0.0.0/',
  '/24',
  '10.0.0.1/24',
  '010.0.0.0/8',
] as const;

/** Addresses at the ends of each family's space (a bare address goes where a gateway, a range bound or a DNS IP does). */
export const ADDRESS_EDGES = ['255.255.255.255', '0.0.0.0', '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '::ffff:10.96.0.10'] as const;

const ODD_STRINGS = ['', ' ', '\u0000', '\t\n', '💥', '-1', 'NaN', 'null', 'true', '${HOME}', '../../etc/passwd', 'a'.repeat(5000), 'ü'.repeat(70), 'Ⅻ', '0x10'];
const ODD_NUMBERS = [-1, 0, 0.5, 1.5, -0, 65536, 2 ** 31, 2 ** 53 + 2, 1e300, -1e300, Number.MAX_SAFE_INTEGER];

/** Every path (as key lists) to a value in `doc`, objects and arrays included, the root excepted. */
export function pathsOf(doc: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (doc === null || typeof doc !== 'object') return [];
  // a huge array from an earlier mutation: its first items stand for the rest
  const entries: Array<[string | number, unknown]> = Array.isArray(doc) ? doc.slice(0, 20).map((v, i) => [i, v]) : Object.entries(doc);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

function getAt(doc: unknown, path: ReadonlyArray<string | number>): unknown {
  return path.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], doc);
}

/** A copy of `doc` with the value at `path` replaced (`DELETE` removes it; from arrays too). */
export const DELETE = Symbol('delete');
function setAt(doc: unknown, path: ReadonlyArray<string | number>, value: unknown): unknown {
  const copy = structuredClone(doc) as Record<string | number, unknown>;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  const key = path[path.length - 1];
  if (value !== DELETE) (parent as Record<string | number, unknown>)[key] = value;
  else if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete (parent as Record<string | number, unknown>)[key];
  return copy;
}

/** One mutation, described for the failure report. */
export interface Mutation {
  readonly what: string;
  readonly path: string;
  readonly doc: unknown;
}

/** What to put at a path: deletion, a wrong type, a huge array, an odd string, a number out of range or a CIDR edge. */
function replacementArb(current: unknown): fc.Arbitrary<[string, unknown]> {
  const options: Array<fc.Arbitrary<[string, unknown]>> = [
    fc.constant<[string, unknown]>(['delete', DELETE]),
    fc.constantFrom<unknown>(null, true, 42, 'text', [], {}, [1, 'a'], { x: 1 }).map((v): [string, unknown] => ['wrong type', v]),
    fc.constantFrom(...ODD_STRINGS).map((v): [string, unknown] => ['odd string', v]),
    fc.constantFrom(...ODD_NUMBERS).map((v): [string, unknown] => ['odd number', v]),
    fc.constantFrom(...CIDR_EDGES).map((v): [string, unknown] => ['cidr edge', v]),
    fc.integer({ min: 100, max: 3000 }).map((n): [string, unknown] => ['huge array', Array.from({ length: n }, () => current)]),
  ];
  if (typeof current === 'number') options.push(fc.integer({ min: -1e6, max: 1e6 }).map((v): [string, unknown] => ['integer', v]));
  if (typeof current === 'string' && /[./:]/.test(current)) {
    options.push(fc.constantFrom(...CIDR_EDGES).map((v): [string, unknown] => ['cidr edge', v]));
    options.push(fc.constantFrom(...ADDRESS_EDGES).map((v): [string, unknown] => ['address edge', v]));
  }
  return fc.oneof(...options);
}

/**
 * The shipped examples (examples/*.yaml): the CNIs and options the generator leaves out (aws-vpc-cni, azure-cni,
 * Calico pools and BGP peers, Cilium encryption, ...), as further bases for mutations.
 */
function exampleArb(): fc.Arbitrary<Json> {
  return fc.constantFrom(...exampleFiles().map((f) => loadExample(f) as Json));
}

/** A valid spec (generated, or a shipped example) with 1-3 mutations at random paths. */
export function mutationArb(): fc.Arbitrary<Mutation> {
  const step = (doc: unknown): fc.Arbitrary<Mutation> => {
    const paths = pathsOf(doc);
    return fc
      .constantFrom(...paths)
      .chain((path) => replacementArb(getAt(doc, path)).map(([what, value]) => ({ what, path: path.join('.'), doc: setAt(doc, path, value) })));
  };
  return fc.tuple(fc.oneof(validSpecArb(), exampleArb()), fc.integer({ min: 1, max: 3 })).chain(([doc, n]) => {
    let arb: fc.Arbitrary<Mutation> = step(doc);
    for (let i = 1; i < n; i++) {
      arb = arb.chain((m) => step(m.doc).map((next) => ({ what: `${m.what}; ${next.what}`, path: `${m.path}; ${next.path}`, doc: next.doc })));
    }
    return arb;
  });
}
