/** One DHCP option to request (plugins-docs/dhcp.md `request[]`). */
export interface DhcpRequestOption {
  /** Skip the default request list. @default false */
  readonly skipDefault?: boolean;
  /** Option name or number, e.g. `classless-static-routes`. @default - none */
  readonly option?: string;
}

/** One DHCP option to send (plugins-docs/dhcp.md `provide[]`). */
export interface DhcpProvideOption {
  /** Option name or number, e.g. `host-name`. */
  readonly option: string;
  /** Literal value. @default - none */
  readonly value?: string;
  /** Take the value from this CNI_ARGS key, e.g. `K8S_POD_NAME`. @default - none */
  readonly fromArg?: string;
}

/** dhcp IPAM: leases from a DHCP server on the attached network, via the `dhcp` daemon running on each node. */
export interface DhcpIpam {
  readonly type: 'dhcp';
  /** Socket of the dhcp daemon. @default /run/cni/dhcp.sock */
  readonly daemonSocketPath?: string;
  /** Options to request. @default - the plugin's default list */
  readonly request?: DhcpRequestOption[];
  /** Options to send. @default - none */
  readonly provide?: DhcpProvideOption[];
}
