/**
 * Semantic checks of secondary networks, shared by `spec.multus.networks` (paths from the document root) and the
 * NetworkAttachmentDefinition construct (paths from its props): addresses inside their subnet, required plugin
 * fields, valid names, unique names per namespace, routes of the right family, ranges apart from the cluster's.
 */
import type { IssueCollector } from '../../spec/issues';
import { checkDns1123Label } from '../../spec/k8s-names';
import { Cidr, findOverlaps, IpAddress, type IpFamily } from '../../plan/cidr';
import { addressRanges, locatedAddressRanges } from './address-ranges';
import type { NetworkConfigProps } from './cni-config';
import type { IpamRoute } from './ipam';
import { hostLocalRanges } from './ipam';
import { invalidInterfaceName, isMacAddress } from './linux-names';
import { HOST_DEVICE_SELECTORS } from './plugins';
import { MULTUS_RULES as R } from './rules';

/** A network to check: its identity and its config. */
export interface NamedNetworkConfig extends NetworkConfigProps {
  readonly name: string;
  readonly namespace: string;
}

function checkCidr(text: string, path: string, issues: IssueCollector, allowHostBits: boolean): Cidr | undefined {
  const c = Cidr.parse(text);
  if (typeof c === 'string') return void issues.report(R.cidrInvalid, path, { detail: c });
  if (!allowHostBits && c.hasHostBits) return void issues.report(R.cidrHostBits, path, { text, canonical: c.toString() });
  return c;
}

/** Checks that `text` is an IP inside `cidr` (when both parse); reports at `path`. */
function checkInside(text: string | undefined, cidr: Cidr | undefined, path: string, what: string, issues: IssueCollector): IpAddress | undefined {
  if (text === undefined) return undefined;
  const ip = IpAddress.parse(text);
  if (typeof ip === 'string') return void issues.report(R.addressInvalid, path, { detail: ip });
  if (cidr && !cidr.containsIp(ip)) return void issues.report(R.addressOutsideSubnet, path, { what, ip: text, cidr: cidr.toString() });
  return ip;
}

/**
 * Routes: `dst` a canonical CIDR, `gw` an address of the same family, and (when the IPAM's ranges are known) a family
 * the IPAM gives the pod an address in, since the kernel refuses a route the interface has no address family for.
 */
function checkRoutes(routes: readonly IpamRoute[] | undefined, base: string, families: ReadonlySet<IpFamily>, issues: IssueCollector): void {
  (routes ?? []).forEach((r, i) => {
    const rp = `${base}.routes[${i}]`;
    const dst = checkCidr(r.dst, `${rp}.dst`, issues, false);
    const gw = r.gw !== undefined ? checkInside(r.gw, undefined, `${rp}.gw`, 'gateway', issues) : undefined;
    if (!dst) return;
    if (gw && gw.family !== dst.family) issues.report(R.routeGatewayFamily, `${rp}.gw`, { gw: gw.toString(), gwFamily: gw.family, dst: dst.toString(), family: dst.family });
    else if (families.size > 0 && !families.has(dst.family)) {
      issues.report(R.routeFamilyWithoutAddress, `${rp}.dst`, { dst: dst.toString(), family: dst.family, have: [...families].join(', '), haveOr: [...families].join(' or ') });
    }
  });
}

/** The address families an IPAM config hands out, from its (parsable) ranges. */
function ipamFamilies(net: NetworkConfigProps): Set<IpFamily> {
  return new Set(addressRanges(net.ipam).map((r) => r.cidr.family));
}

function checkStartEnd(start: IpAddress | undefined, end: IpAddress | undefined, endPath: string, startName: string, issues: IssueCollector): void {
  if (start && end && start.value > end.value) {
    issues.report(R.rangeEndBeforeStart, endPath, { end: end.toString(), startName, start: start.toString() });
  }
}

function checkIpam(net: NetworkConfigProps, base: string, issues: IssueCollector): void {
  const ipam = net.ipam;
  if (!ipam) return;
  const p = `${base}.ipam`;
  switch (ipam.type) {
    case 'host-local': {
      const ranges = hostLocalRanges(ipam);
      if (ranges.length === 0) issues.report(R.hostLocalNoRange, `${p}.subnet`, {});
      for (const { range, path } of ranges) {
        const rp = `${p}${path}`;
        const cidr = checkCidr(range.subnet, `${rp}.subnet`, issues, false);
        if (cidr && cidr.prefix > cidr.bits - 2) issues.report(R.hostLocalSubnetTooSmall, `${rp}.subnet`, { cidr: cidr.toString(), longest: cidr.bits - 2 });
        const start = checkInside(range.rangeStart, cidr, `${rp}.rangeStart`, 'rangeStart', issues);
        const end = checkInside(range.rangeEnd, cidr, `${rp}.rangeEnd`, 'rangeEnd', issues);
        checkStartEnd(start, end, `${rp}.rangeEnd`, 'rangeStart', issues);
        const gw = checkInside(range.gateway, cidr, `${rp}.gateway`, 'gateway', issues);
        if (gw && cidr && cidr.bits - cidr.prefix > 1 && gw.value === cidr.network) {
          issues.report(R.gatewayNetworkAddress, `${rp}.gateway`, { gw: gw.toString(), cidr: cidr.toString(), example: cidr.nth(1n).toString() });
        }
      }
      checkRoutes(ipam.routes, p, ipamFamilies(net), issues);
      return;
    }
    case 'static':
      (ipam.addresses ?? []).forEach((a, i) => {
        const cidr = checkCidr(a.address, `${p}.addresses[${i}].address`, issues, true);
        checkInside(a.gateway, cidr && Cidr.of(cidr.toString()), `${p}.addresses[${i}].gateway`, 'gateway', issues);
      });
      checkRoutes(ipam.routes, p, ipamFamilies(net), issues);
      return;
    case 'whereabouts': {
      const cidr = checkCidr(ipam.range, `${p}.range`, issues, true);
      const net4 = cidr && Cidr.of(cidr.toString());
      const start = checkInside(ipam.range_start, net4, `${p}.range_start`, 'range_start', issues);
      const end = checkInside(ipam.range_end, net4, `${p}.range_end`, 'range_end', issues);
      checkStartEnd(start, end, `${p}.range_end`, 'range_start', issues);
      checkInside(ipam.gateway, net4, `${p}.gateway`, 'gateway', issues);
      (ipam.exclude ?? []).forEach((x, i) => {
        const c = checkCidr(x, `${p}.exclude[${i}]`, issues, true);
        if (c && net4 && !net4.overlaps(c)) issues.report(R.whereaboutsExcludeOutside, `${p}.exclude[${i}]`, { x, range: net4.toString() });
      });
      checkRoutes(ipam.routes, p, ipamFamilies(net), issues);
      return;
    }
    default:
      return;
  }
}

function checkIfname(name: string | undefined, path: string, issues: IssueCollector): void {
  if (name === undefined) return;
  const why = invalidInterfaceName(name);
  if (why) issues.report(R.interfaceName, path, { name, why });
}

function checkMtu(mtu: number | undefined, path: string, issues: IssueCollector): void {
  if (mtu !== undefined && (!Number.isInteger(mtu) || mtu < 68 || mtu > 65535)) issues.report(R.mtuRange, path, { mtu });
}

function checkVlanId(id: number | undefined, path: string, issues: IssueCollector): void {
  if (id !== undefined && (!Number.isInteger(id) || id < 0 || id > 4094)) issues.report(R.vlanId, path, { id });
}

/**
 * Plugins that fail without IPAM (plugin docs: `ipam` required, no empty-dictionary form). ptp measured: ADD fails with
 * "no plugin name provided"; ipvlan ("required unless chained") and vlan (required) per their docs.
 */
const IPAM_REQUIRED: ReadonlyArray<string> = ['ptp', 'ipvlan', 'vlan'];

function checkPlugin(net: NetworkConfigProps, base: string, issues: IssueCollector): void {
  const plugin = net.plugin;
  const p = `${base}.plugin`;
  switch (plugin.type) {
    case 'macvlan':
    case 'ipvlan':
    case 'vlan':
      if (!plugin.master) issues.report(R.masterRequired, `${p}.master`, { type: plugin.type });
      else checkIfname(plugin.master, `${p}.master`, issues);
      if (plugin.type === 'vlan') checkVlanId(plugin.vlanId, `${p}.vlanId`, issues);
      break;
    case 'host-device': {
      const set = HOST_DEVICE_SELECTORS.filter((k) => plugin[k] !== undefined);
      if (set.length !== 1) {
        issues.report(R.hostDeviceSelector, p, { selectors: HOST_DEVICE_SELECTORS.join(', '), found: set.length === 0 ? 'none' : set.join(', ') });
      }
      checkIfname(plugin.device, `${p}.device`, issues);
      if (plugin.hwaddr !== undefined && !isMacAddress(plugin.hwaddr)) issues.report(R.macInvalid, `${p}.hwaddr`, { mac: plugin.hwaddr, what: '' });
      break;
    }
    case 'bridge':
      checkIfname(plugin.bridge, `${p}.bridge`, issues);
      checkVlanId(plugin.vlan, `${p}.vlan`, issues);
      break;
    case 'sriov':
      if (!/^[A-Za-z0-9.-]+\/[A-Za-z0-9_.-]+$/.test(plugin.resourceName ?? '')) {
        issues.report(R.sriovResourceName, `${p}.resourceName`, { name: plugin.resourceName ?? '' });
      }
      checkVlanId(plugin.vlan, `${p}.vlan`, issues);
      if (plugin.vlanQoS !== undefined && (plugin.vlanQoS < 0 || plugin.vlanQoS > 7)) issues.report(R.vlanQos, `${p}.vlanQoS`, { qos: plugin.vlanQoS });
      break;
    default:
      break;
  }
  if ('mtu' in plugin) checkMtu(plugin.mtu, `${p}.mtu`, issues);
  if (!net.ipam && IPAM_REQUIRED.includes(plugin.type)) {
    issues.report(R.ipamRequired, `${base}.ipam`, { type: plugin.type });
  }
  if (plugin.type === 'ptp' && net.ipam?.type === 'static') {
    (net.ipam.addresses ?? []).forEach((a, i) => {
      if (a.gateway === undefined) {
        issues.report(R.ptpGateway, `${base}.ipam.addresses[${i}].gateway`, { what: 'ptp puts the gateway on the node side of the veth and needs one on every address (allowed: a gateway inside the address subnet)' });
      }
    });
    if (!net.ipam.addresses?.length) issues.report(R.ptpGateway, `${base}.ipam.addresses`, { what: 'ptp needs addresses with a gateway; per-pod ips carry none (allowed: at least one address with a gateway)' });
  }
}

function checkTuning(net: NetworkConfigProps, base: string, issues: IssueCollector): void {
  const t = net.tuning;
  if (!t) return;
  if (t.mac !== undefined && !isMacAddress(t.mac)) issues.report(R.macInvalid, `${base}.tuning.mac`, { mac: t.mac, what: '' });
  checkMtu(t.mtu, `${base}.tuning.mtu`, issues);
  if (net.plugin.type === 'ipvlan' && (t.mac !== undefined || t.capabilities?.mac)) {
    issues.report(R.ipvlanMac, `${base}.tuning.${t.mac !== undefined ? 'mac' : 'capabilities'}`, {});
  }
}

/** CNI spec versions a config may declare (SPEC.md of containernetworking/cni). */
export const CNI_SPEC_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];

/** Checks one network; `base` is its path (e.g. `spec.multus.networks[0]`). */
export function validateNetwork(net: NamedNetworkConfig, base: string, issues: IssueCollector): void {
  checkDns1123Label(net.name, `${base}.name`, issues);
  checkDns1123Label(net.namespace, `${base}.namespace`, issues);
  if (net.cniVersion !== undefined && !CNI_SPEC_VERSIONS.includes(net.cniVersion)) {
    issues.report(R.cniVersion, `${base}.cniVersion`, { version: net.cniVersion, allowed: CNI_SPEC_VERSIONS.join(', ') });
  }
  checkPlugin(net, base, issues);
  checkIpam(net, base, issues);
  checkTuning(net, base, issues);
}

/**
 * Checks between networks: unique names per namespace. Overlapping whereabouts ranges are allowed: whereabouts'
 * overlapping-ranges feature is on by default and never hands one address out twice across overlapping ranges
 * (whereabouts README), which is how NADs in different namespaces share one VLAN. `pathOf(i)` names network `i`.
 */
export function validateNetworkSet(nets: readonly NamedNetworkConfig[], pathOf: (i: number) => string, issues: IssueCollector): void {
  const seen = new Map<string, number>();
  nets.forEach((n, i) => {
    const key = `${n.namespace}/${n.name}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i);
    else issues.report(R.duplicateName, `${pathOf(i)}.name`, { name: n.name, namespace: n.namespace, first: pathOf(first) });
  });
}

/** A cluster range a secondary network must stay apart from, e.g. `{ path: 'spec.pods.cidrs[0]', what: 'pod', cidr }`. */
export interface ClusterRange {
  readonly path: string;
  /** What the range holds, for the message: `pod`, `service`, `node`. */
  readonly what: string;
  readonly cidr: Cidr;
}

/**
 * Secondary-network ranges must not overlap the cluster's pod or Service ranges: the attachment gives the pod a connected
 * route to its subnet through the secondary interface, which would capture traffic to those pods or Services, and its
 * addresses could collide with theirs. Overlap with the node range is only a warning: macvlan on the nodes' own LAN
 * (allocation range kept clear of the hosts) is the most common Multus set-up, and a node range is often a summary
 * holding several VLANs. Reported at the network's range field, naming both paths.
 */
export function validateNetworksAgainstCluster(nets: readonly NetworkConfigProps[], pathOf: (i: number) => string, cluster: readonly ClusterRange[], issues: IssueCollector): void {
  type Item = { cidr: Cidr; network?: { path: string }; cluster?: ClusterRange };
  const items: Item[] = [
    ...cluster.map((c) => ({ cidr: c.cidr, cluster: c })),
    ...nets.flatMap((n, i) => locatedAddressRanges(n.ipam).map((r) => ({ cidr: Cidr.of(r.range.cidr.toString()), network: { path: `${pathOf(i)}.ipam${r.path}` } }))),
  ];
  for (const [a, b] of findOverlaps(items)) {
    const net = a.network ?? b.network;
    const range = a.cluster ?? b.cluster;
    if (!net || !range) continue; // network vs network (allowed, see validateNetworkSet) or cluster vs cluster (the IP plan's job)
    const cidr = (a.network ? a : b).cidr.toString();
    if (range.what === 'node') issues.report(R.overlapsNodeRange, net.path, { cidr, path: range.path, range: range.cidr.toString() });
    else issues.report(R.overlapsClusterRange, net.path, { cidr, what: range.what, path: range.path, range: range.cidr.toString() });
  }
}
