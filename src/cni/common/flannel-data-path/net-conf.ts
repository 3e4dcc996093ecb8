/** Flannel's `net-conf.json` and the RBAC flanneld needs, shared by the Flannel and Canal constructs. */
import type { FlannelBackend, FlannelNetworkProps } from './props';

/** Flannel's defaults, which net-conf.json leaves out (backends.md). */
export const FLANNEL_DEFAULTS = { vxlanVni: 1, vxlanPort: 8472, wireguardPort: 51820, wireguardPortV6: 51821 } as const;

function backendJson(backend: FlannelBackend): Record<string, unknown> {
  switch (backend.type) {
    case 'vxlan':
      return {
        Type: 'vxlan',
        ...(backend.vni !== undefined && backend.vni !== FLANNEL_DEFAULTS.vxlanVni ? { VNI: backend.vni } : {}),
        ...(backend.port !== undefined && backend.port !== FLANNEL_DEFAULTS.vxlanPort ? { Port: backend.port } : {}),
        ...(backend.directRouting ? { DirectRouting: true } : {}),
      };
    case 'host-gw':
      return { Type: 'host-gw' };
    case 'wireguard':
      return {
        Type: 'wireguard',
        ...(backend.listenPort !== undefined && backend.listenPort !== FLANNEL_DEFAULTS.wireguardPort ? { ListenPort: backend.listenPort } : {}),
        ...(backend.listenPortV6 !== undefined && backend.listenPortV6 !== FLANNEL_DEFAULTS.wireguardPortV6 ? { ListenPortV6: backend.listenPortV6 } : {}),
        ...(backend.persistentKeepaliveInterval ? { PersistentKeepaliveInterval: backend.persistentKeepaliveInterval } : {}),
      };
  }
}

export interface NetConfOptions {
  /** Write `EnableNFTables` (Flannel's own manifest does; Canal's does not). @default true */
  readonly writeNFTables?: boolean;
}

/**
 * Builds the `net-conf.json` object. Keys equal to Flannel's defaults are left out, so the default output is the one
 * upstream ships.
 */
export function flannelNetConf(props: FlannelNetworkProps, opts: NetConfOptions = {}): Record<string, unknown> {
  const ipv4 = props.network ?? (props.ipv6Network ? undefined : '10.244.0.0/16');
  return {
    ...(ipv4 ? { Network: ipv4 } : { EnableIPv4: false }),
    ...(props.subnetLen !== undefined && props.subnetLen !== 24 ? { SubnetLen: props.subnetLen } : {}),
    ...(props.ipv6Network ? { EnableIPv6: true, IPv6Network: props.ipv6Network } : {}),
    ...(props.ipv6SubnetLen !== undefined && props.ipv6SubnetLen !== 64 ? { IPv6SubnetLen: props.ipv6SubnetLen } : {}),
    ...(opts.writeNFTables === false ? {} : { EnableNFTables: props.enableNFTables ?? false }),
    Backend: backendJson(props.backend ?? { type: 'vxlan' }),
  };
}

/** The ClusterRole rules Flannel's kube-subnet-mgr needs (kube-flannel.yml). */
export const FLANNEL_RBAC_RULES = [
  { apiGroups: [''], resources: ['pods'], verbs: ['get'] },
  { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] },
];
