/**
 * The Flannel data path as a spec section: Flannel itself (`spec.cni`) and Canal (`spec.cni.flannel`) both move
 * packets with flanneld, so they share its props mapping, MTU overhead, node traffic and checks.
 */
import type { IssueCollector } from '../../../spec/issues';
import type { ResolvedClusterNetwork } from '../../../spec/resolve';
import { Cidr, type IpFamily } from '../../../plan/cidr';
import type { NodeTrafficRule } from '../cni-module';
import { ENCAP_OVERHEAD_IPV6, podMtuRule, podMtuShortfall } from '../mtu';
import { FLANNEL_DEFAULTS } from './net-conf';
import type { FlannelBackend, FlannelNetworkProps } from './props';
import { FLANNEL_DATA_PATH_RULES } from './rules';

/** The data-path part of a Flannel-style `spec.cni` (Flannel itself, or Canal's `flannel` block). */
export interface FlannelDataPathSpec {
  readonly backend: 'vxlan' | 'host-gw' | 'wireguard';
  readonly vxlan?: { readonly vni: number; readonly port: number; readonly directRouting: boolean };
  readonly wireguard?: { readonly listenPort: number; readonly listenPortV6: number; readonly persistentKeepaliveInterval: number };
}

/** The net-conf backend of a data-path spec. */
export function flannelBackendProps(dp: FlannelDataPathSpec): FlannelBackend {
  switch (dp.backend) {
    case 'vxlan':
      return { type: 'vxlan', ...dp.vxlan };
    case 'wireguard':
      return { type: 'wireguard', ...dp.wireguard };
    default:
      return { type: 'host-gw' };
  }
}

/** net-conf settings from the common pod ranges: IPv4 `Network`, IPv6 `IPv6Network`, per-node subnet lengths. */
export function flannelNetworkProps(network: ResolvedClusterNetwork, dp: FlannelDataPathSpec): FlannelNetworkProps {
  const { pods, ipFamilies } = network.spec;
  const v4 = pods.cidrs[ipFamilies.indexOf('IPv4')];
  const v6 = pods.cidrs[ipFamilies.indexOf('IPv6')];
  return {
    network: ipFamilies.includes('IPv4') ? Cidr.of(v4).toString() : undefined,
    ipv6Network: ipFamilies.includes('IPv6') ? Cidr.of(v6).toString() : undefined,
    subnetLen: ipFamilies.includes('IPv4') ? pods.nodeMaskSize : undefined,
    ipv6SubnetLen: ipFamilies.includes('IPv6') ? pods.nodeMaskSizeIPv6 : undefined,
    backend: flannelBackendProps(dp),
  };
}

/**
 * What flanneld subtracts from the underlay MTU for the `FLANNEL_MTU` it writes to subnet.env, whatever the family:
 * VXLAN `encapOverhead = 50` (flannel-io/flannel@v0.28.9 pkg/backend/vxlan/vxlan_network.go, `network.MTU`),
 * WireGuard `overhead = 80` (pkg/backend/wireguard/wireguard_network.go: a 40-byte IPv6 header, UDP, WireGuard's
 * header and tag), host-gw nothing.
 */
export const FLANNEL_BACKEND_OVERHEAD = { vxlan: 50, wireguard: 80, 'host-gw': 0 } as const;

/** The `FLANNEL_MTU` flanneld writes to subnet.env: the underlay MTU minus {@link FLANNEL_BACKEND_OVERHEAD}. */
export function flannelSubnetEnvMtu(underlayMtu: number, dp: FlannelDataPathSpec): number {
  return underlayMtu - FLANNEL_BACKEND_OVERHEAD[dp.backend];
}

/**
 * The overhead we give pods: Flannel's own ({@link FLANNEL_BACKEND_OVERHEAD}), except VXLAN once IPv6 is in use,
 * where we take 70. flanneld subtracts 50 for both families, but its IPv6 VXLAN device (`flannel-v6.<VNI>`) carries
 * pod packets in an outer IPv6 header 20 bytes longer than IPv4's, so the kernel gives that device underlay − 70, and
 * a 1450-byte IPv6 pod packet would not fit it. 70 is the safe figure for every family (Flannel and Canal write one
 * pod MTU for all of them).
 */
export function flannelOverhead(dp: FlannelDataPathSpec, families: readonly IpFamily[]): number {
  if (dp.backend === 'vxlan' && families.includes('IPv6')) return ENCAP_OVERHEAD_IPV6.vxlan;
  return FLANNEL_BACKEND_OVERHEAD[dp.backend];
}

/** The pod MTU of a Flannel data path: the underlay MTU minus {@link flannelOverhead}. */
export function flannelPodMtu(network: ResolvedClusterNetwork, dp: FlannelDataPathSpec): number {
  return network.spec.nodes.mtu - flannelOverhead(dp, network.spec.ipFamilies);
}

/**
 * Node-to-node traffic of a Flannel data path (kube-flannel.yml / backends.md): the VXLAN port; WireGuard's
 * `ListenPort` for IPv4 and its independent `ListenPortV6` (default 51821) for IPv6, one per family in use.
 */
export function flannelNodeTraffic(dp: FlannelDataPathSpec, families: readonly IpFamily[]): NodeTrafficRule[] {
  switch (dp.backend) {
    case 'vxlan':
      return [{ protocol: 'udp', fromPort: dp.vxlan?.port ?? FLANNEL_DEFAULTS.vxlanPort, description: 'Flannel VXLAN overlay' }];
    case 'wireguard':
      return [
        ...(families.includes('IPv4') ? [{ protocol: 'udp', fromPort: dp.wireguard?.listenPort ?? FLANNEL_DEFAULTS.wireguardPort, description: 'Flannel WireGuard (IPv4)' }] : []),
        ...(families.includes('IPv6')
          ? [{ protocol: 'udp', fromPort: dp.wireguard?.listenPortV6 ?? FLANNEL_DEFAULTS.wireguardPortV6, description: 'Flannel WireGuard (IPv6, ListenPortV6)' }]
          : []),
      ];
    default:
      return [];
  }
}

/** True when pods are routed without encapsulation between (some) nodes: host-gw, or VXLAN with DirectRouting. */
export function flannelRoutesNatively(dp: FlannelDataPathSpec): boolean {
  return dp.backend === 'host-gw' || (dp.vxlan?.directRouting ?? false);
}

/**
 * Checks shared by Flannel and Canal: backend options only for their backend; enough MTU left after the backend's
 * overhead. `base` is the path of the data-path block (`spec.cni` or `spec.cni.flannel`).
 */
export function validateFlannelDataPath(network: ResolvedClusterNetwork, dp: FlannelDataPathSpec, base: string, issues: IssueCollector): void {
  if (dp.vxlan && dp.backend !== 'vxlan') issues.report(FLANNEL_DATA_PATH_RULES.backendOptions, `${base}.vxlan`, { what: 'VXLAN', backend: dp.backend, allowed: 'vxlan' });
  if (dp.wireguard && dp.backend !== 'wireguard') issues.report(FLANNEL_DATA_PATH_RULES.backendOptions, `${base}.wireguard`, { what: 'WireGuard', backend: dp.backend, allowed: 'wireguard' });
  const short = podMtuShortfall(network, flannelOverhead(dp, network.spec.ipFamilies), `the ${dp.backend}`);
  if (short) issues.report(podMtuRule(network), 'spec.nodes.mtu', short);
}
