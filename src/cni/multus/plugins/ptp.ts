/** ptp (plugins-docs/ptp.md): a veth pair with host routes, no bridge. */
export interface PtpPlugin {
  readonly type: 'ptp';
  /** Masquerade traffic leaving the network. @default false */
  readonly ipMasq?: boolean;
  /** MTU. @default - chosen by the kernel */
  readonly mtu?: number;
}
