/**
 * The Flannel data path as a spec section: Flannel itself (`spec.cni`) and Canal (`spec.cni.flannel`) both move
 * packets with flanneld, so they share its props mapping, MTU overhead, node traffic and checks.
 */
import type { IssueCollector } from '../../../spec/issues';
import type { ResolvedClusterNetwork } from '../../../spec/resolve';
import { Cidr, type IpFamily } from '../../../plan/cidr';
import type { NodeTrafficRule } from '../cni-module';
import { encapOverhead } from '../mtu';
import { checkPodMtu } from '../mtu-check';
import { FLANNEL_DEFAULTS } from './net-conf';
import type { FlannelBackend, FlannelNetworkProps } from './props';

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
 * Encapsulation overhead of a Flannel backend over the cluster's address families: VXLAN 50 (70 when IPv6 is in use),
 * WireGuard 60 (80), host-gw none. Flannel and Canal write one MTU for every family, so the largest wins.
 */
export function flannelOverhead(dp: FlannelDataPathSpec, families: readonly IpFamily[]): number {
  return dp.backend === 'host-gw' ? 0 : encapOverhead(dp.backend, families);
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
  if (dp.vxlan && dp.backend !== 'vxlan') issues.add(`${base}.vxlan`, `VXLAN options are set but backend is ${dp.backend} (allowed: only with backend vxlan)`);
  if (dp.wireguard && dp.backend !== 'wireguard') issues.add(`${base}.wireguard`, `WireGuard options are set but backend is ${dp.backend} (allowed: only with backend wireguard)`);
  checkPodMtu(network, flannelOverhead(dp, network.spec.ipFamilies), `the ${dp.backend}`, issues);
}
