/** Flannel's data-path settings (net-conf.json vocabulary), shared by the Flannel and Canal constructs. */

/** VXLAN backend (the upstream default). */
export interface FlannelVxlanBackend {
  readonly type: 'vxlan';
  /** VXLAN network identifier (VNI). @default 1 */
  readonly vni?: number;
  /** UDP port. @default 8472 (the Linux kernel default) */
  readonly port?: number;
  /** Route directly, without encapsulation, between nodes on the same subnet. @default false */
  readonly directRouting?: boolean;
}

/** host-gw backend: plain routes to other nodes; needs every node on one L2 network. */
export interface FlannelHostGwBackend {
  readonly type: 'host-gw';
}

/** WireGuard backend: encrypted tunnels between nodes. */
export interface FlannelWireguardBackend {
  readonly type: 'wireguard';
  /** UDP listen port (IPv4 tunnel; `ListenPort`). @default 51820 */
  readonly listenPort?: number;
  /** UDP listen port of the IPv6 tunnel (`ListenPortV6`), an independent setting. @default 51821 */
  readonly listenPortV6?: number;
  /** Keepalive interval in seconds, 0 = off. @default 0 */
  readonly persistentKeepaliveInterval?: number;
}

export type FlannelBackend = FlannelVxlanBackend | FlannelHostGwBackend | FlannelWireguardBackend;

/** The `net-conf.json` settings (Flannel's own vocabulary). */
export interface FlannelNetworkProps {
  /** IPv4 cluster CIDR (`Network`); omit for IPv6-only. @default '10.244.0.0/16' unless `ipv6Network` is set alone */
  readonly network?: string;
  /** IPv6 cluster CIDR (`IPv6Network`); setting it enables IPv6. @default - IPv4 only */
  readonly ipv6Network?: string;
  /** Per-node IPv4 subnet prefix (`SubnetLen`). @default 24 (not written, Flannel's default) */
  readonly subnetLen?: number;
  /** Per-node IPv6 subnet prefix (`IPv6SubnetLen`). @default 64 (not written, Flannel's default) */
  readonly ipv6SubnetLen?: number;
  /** Data path backend. @default { type: 'vxlan' } */
  readonly backend?: FlannelBackend;
  /** Masquerade with nftables (`EnableNFTables`). @default false */
  readonly enableNFTables?: boolean;
}
