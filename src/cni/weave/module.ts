/** Weave Net as a `spec.cni` type: spec → props, Weave-specific checks, MTU, node traffic, the archived-upstream warning. */
import type { IssueCollector } from '../../spec/issues';
import { Cidr } from '../../plan/cidr';
import type { CniModule, NetworkWith, NodeTrafficRule } from '../common/cni-module';
import { podMtuRule, podMtuShortfall } from '../common/mtu';
import { parseCidrAt } from '../../plan/ip-plan';
import { VERSIONS } from '../common/versions';
import type { ResolvedWeaveCni } from './spec';
import { WEAVE_RULES } from './rules';
import { Weave, WEAVE_STATUS_PORT } from './weave';

type WeaveNetwork = NetworkWith<ResolvedWeaveCni>;

/**
 * Weave's encapsulation overhead: fastdp.md says the underlay must carry WEAVE_MTU "plus overheads of around 84-87
 * bytes (the final MTU should be divisible by four)"; its jumbo example is 9000 → 8916. We subtract 84 and round down
 * to a multiple of 4 (1500 → 1416; Weave's own fixed default 1376 suits a 1460-byte underlay).
 */
export const WEAVE_OVERHEAD = 84;
/** Weave's control (TCP) and data (UDP, sleeve and fastdp) ports. */
export const WEAVE_PORTS = { control: 6783, data: [6783, WEAVE_STATUS_PORT] } as const;

export function weaveDefaultMtu(underlay: number): number {
  return Math.floor((underlay - WEAVE_OVERHEAD) / 4) * 4;
}

const range = (n: WeaveNetwork) => ({
  text: n.spec.cni.ipallocRange ?? n.spec.pods.cidrs[0],
  path: n.spec.cni.ipallocRange ? 'spec.cni.ipallocRange' : 'spec.pods.cidrs[0]',
});
const mtuOf = (n: WeaveNetwork) => n.spec.cni.mtu ?? weaveDefaultMtu(n.spec.nodes.mtu);

function validateWeave(n: WeaveNetwork, issues: IssueCollector): void {
  const { spec } = n;
  issues.report(WEAVE_RULES.archived, 'spec.cni.type', { version: VERSIONS.weave.version });
  if (spec.ipFamilies.length !== 1 || spec.ipFamilies[0] !== 'IPv4') {
    issues.report(WEAVE_RULES.ipv4Only, 'spec.ipFamilies', { families: spec.ipFamilies.join(', ') });
    return;
  }
  const r = range(n);
  // spec.pods.cidrs[0] was checked by the common IP plan; an ipallocRange of its own is checked here.
  const parsed = spec.cni.ipallocRange ? parseCidrAt(r.text, r.path, 'pod', issues, { family: 'IPv4', why: 'Weave Net allocates IPv4 only' })?.cidr : Cidr.of(r.text);
  if (!parsed) return;
  if (spec.cni.ipallocRange) {
    // kube-addon.md: kube-proxy's --cluster-cidr must match IPALLOC_RANGE, and --cluster-cidr is spec.pods.cidrs[0].
    const pods = Cidr.of(spec.pods.cidrs[0]);
    if (parsed.network !== pods.network || parsed.prefix !== pods.prefix) issues.report(WEAVE_RULES.rangeMatchesPods, r.path, { range: parsed.toString(), pods: pods.toString() });
  }
  // Weave IPAM hands out address ranges to peers on demand; it can serve every node at its pod limit only if the
  // range holds maxCount × maxPerNode addresses (plus each node's own bridge address).
  const needed = BigInt(spec.nodes.maxCount) * BigInt(spec.pods.maxPerNode + 1);
  if (parsed.size < needed) {
    issues.report(WEAVE_RULES.rangeTooSmall, r.path, { range: parsed.toString(), size: String(parsed.size), nodes: spec.nodes.maxCount, pods: spec.pods.maxPerNode, needed: String(needed) });
  }
  const limit = weaveDefaultMtu(spec.nodes.mtu);
  if (spec.cni.mtu !== undefined && spec.cni.mtu > limit) {
    issues.report(WEAVE_RULES.mtuAboveUnderlay, 'spec.cni.mtu', { mtu: spec.cni.mtu, overhead: WEAVE_OVERHEAD, underlay: spec.nodes.mtu, limit });
  }
  const short = spec.cni.mtu === undefined ? podMtuShortfall(n, WEAVE_OVERHEAD, "Weave's") : undefined;
  if (short) issues.report(podMtuRule(n), 'spec.nodes.mtu', short);
}

export const weaveModule: CniModule<ResolvedWeaveCni> = {
  type: 'weave',
  displayName: (n: WeaveNetwork) => `Weave Net ${n.spec.cni.version ?? VERSIONS.weave.version}`,
  podAddressing: () => 'cni-ipam',
  podMtu: mtuOf,
  validate: validateWeave,
  build(scope, n: WeaveNetwork) {
    const cni = n.spec.cni;
    new Weave(scope, 'weave', {
      version: cni.version,
      imageRegistry: cni.imageRegistry,
      ipallocRange: Cidr.of(range(n).text).toString(),
      mtu: mtuOf(n),
      noMasqLocal: cni.noMasqLocal,
      connLimit: cni.connLimit,
      passwordSecret: cni.encryption?.passwordSecret,
    });
  },
  nodeTraffic(n: WeaveNetwork): NodeTrafficRule[] {
    return [
      { protocol: 'tcp', fromPort: WEAVE_PORTS.control, description: 'Weave Net control connections' },
      { protocol: 'udp', fromPort: WEAVE_PORTS.data[0], toPort: WEAVE_PORTS.data[1], description: 'Weave Net data path (sleeve, fastdp VXLAN)' },
      ...(n.spec.cni.encryption ? [{ protocol: '50', description: 'Weave Net fastdp encryption (ESP)' }] : []),
    ];
  },
  planRows: (n: WeaveNetwork) => [
    { label: 'Weave IPALLOC_RANGE', value: Cidr.of(range(n).text).toString() },
    { label: 'Weave encryption', value: n.spec.cni.encryption ? `WEAVE_PASSWORD from Secret ${n.spec.cni.encryption.passwordSecret.name}` : 'off' },
  ],
};
