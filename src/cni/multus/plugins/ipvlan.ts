/** ipvlan (plugins-docs/ipvlan.md): an interface sharing the master's MAC address, moved into the pod. */
export interface IpvlanPlugin {
  readonly type: 'ipvlan';
  /** Node interface to enslave, e.g. `eth1`. */
  readonly master: string;
  /** `l2`, `l3` or `l3s`. @default 'l2' */
  readonly mode?: 'l2' | 'l3' | 'l3s';
  /** MTU. @default - chosen by the kernel */
  readonly mtu?: number;
  /** The master lives in the pod's network namespace. @default false */
  readonly linkInContainer?: boolean;
}
