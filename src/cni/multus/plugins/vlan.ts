/** vlan (plugins-docs/vlan.md): an 802.1q sub-interface of a node interface, moved into the pod. */
export interface VlanPlugin {
  readonly type: 'vlan';
  /** Node interface carrying the VLAN, e.g. `eth1`. */
  readonly master: string;
  /** VLAN id, 0-4094. */
  readonly vlanId: number;
  /** MTU. @default - chosen by the kernel */
  readonly mtu?: number;
  /** The master lives in the pod's network namespace. @default false */
  readonly linkInContainer?: boolean;
}
