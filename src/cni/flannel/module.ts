/** Flannel as a `spec.cni` type: spec → props, Flannel-specific checks, plan rows. */
import type { IssueCollector } from '../../spec/issues';
import type { ResolvedClusterNetwork } from '../../spec/resolve';
import { Cidr } from '../../plan/cidr';
import type { CniModule, NetworkWith, NodeTrafficRule } from '../common/cni-module';
import { ENCAP_OVERHEAD } from '../common/mtu';
import { checkPodMtu } from '../common/mtu-check';
import { VERSIONS } from '../common/versions';
import { Flannel } from './flannel';
import type { FlannelBackend, FlannelNetworkProps } from './props';
import type { ResolvedFlannelCni } from './spec';

type FlannelNetwork = NetworkWith<ResolvedFlannelCni>;

/** The data-path part of a Flannel-style `spec.cni` (Flannel itself, or Canal's `flannel` block). */
export interface FlannelDataPathSpec {
  readonly backend: 'vxlan' | 'host-gw' | 'wireguard';
  readonly vxlan?: { readonly vni: number; readonly port: number; readonly directRouting: boolean };
  readonly wireguard?: { readonly listenPort: number; readonly persistentKeepaliveInterval: number };
}

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

/** Encapsulation overhead of a Flannel backend (VXLAN 50, WireGuard 60, host-gw none). */
export function flannelOverhead(dp: FlannelDataPathSpec): number {
  return dp.backend === 'vxlan' ? ENCAP_OVERHEAD.vxlan : dp.backend === 'wireguard' ? ENCAP_OVERHEAD.wireguard : ENCAP_OVERHEAD.none;
}

/** Node-to-node traffic of a Flannel data path (kube-flannel.yml / backends.md): VXLAN port, WireGuard ports. */
export function flannelNodeTraffic(dp: FlannelDataPathSpec, ipv6: boolean): NodeTrafficRule[] {
  switch (dp.backend) {
    case 'vxlan':
      return [{ protocol: 'udp', fromPort: dp.vxlan?.port ?? 8472, description: 'Flannel VXLAN overlay' }];
    case 'wireguard': {
      const port = dp.wireguard?.listenPort ?? 51820;
      return [
        { protocol: 'udp', fromPort: port, description: 'Flannel WireGuard (IPv4)' },
        ...(ipv6 ? [{ protocol: 'udp', fromPort: port + 1, description: 'Flannel WireGuard (IPv6, ListenPortV6)' }] : []),
      ];
    }
    default:
      return [];
  }
}

/**
 * Checks shared by Flannel and Canal: backend options only for their backend; enough MTU left after the backend's
 * overhead. `base` is the path of the data-path block (`spec.cni` or `spec.cni.flannel`).
 */
export function validateFlannelDataPath(network: ResolvedClusterNetwork, dp: FlannelDataPathSpec, base: string, issues: IssueCollector): void {
  if (dp.vxlan && dp.backend !== 'vxlan') issues.add(`${base}.vxlan`, `VXLAN options are set but backend is ${dp.backend} (allowed: only with backend vxlan)`);
  if (dp.wireguard && dp.backend !== 'wireguard') issues.add(`${base}.wireguard`, `WireGuard options are set but backend is ${dp.backend} (allowed: only with backend wireguard)`);
  checkPodMtu(network, flannelOverhead(dp), `the ${dp.backend}`, issues);
}

export const flannelModule: CniModule<ResolvedFlannelCni> = {
  type: 'flannel',
  displayName: (n: FlannelNetwork) => `Flannel ${n.spec.cni.version ?? VERSIONS.flannel.version} (${n.spec.cni.backend})`,
  podAddressing: () => 'node-cidr',
  podMtu: (n: FlannelNetwork) => n.spec.nodes.mtu - flannelOverhead(n.spec.cni),
  validate(n: FlannelNetwork, issues: IssueCollector) {
    validateFlannelDataPath(n, n.spec.cni, 'spec.cni', issues);
  },
  build(scope, n: FlannelNetwork) {
    const cni = n.spec.cni;
    new Flannel(scope, 'flannel', {
      ...flannelNetworkProps(n, cni),
      enableNFTables: cni.enableNFTables,
      version: cni.version,
      imageRegistry: cni.imageRegistry,
    });
  },
  nodeTraffic: (n: FlannelNetwork) => flannelNodeTraffic(n.spec.cni, n.spec.ipFamilies.includes('IPv6')),
  routesNatively: (n: FlannelNetwork) => n.spec.cni.backend === 'host-gw' || (n.spec.cni.vxlan?.directRouting ?? false),
  planRows: (n: FlannelNetwork) => [{ label: 'Flannel backend', value: n.spec.cni.backend }],
};
