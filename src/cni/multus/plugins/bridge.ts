/** A VLAN trunk range or id (`vlanTrunk[]` of the bridge plugin). */
export interface BridgeVlanTrunk {
  /** First VLAN id of a range. @default - none */
  readonly minID?: number;
  /** Last VLAN id of a range. @default - none */
  readonly maxID?: number;
  /** A single VLAN id. @default - none */
  readonly id?: number;
}

/** bridge (plugins-docs/bridge.md): a veth pair from the pod to a Linux bridge on the node. */
export interface BridgePlugin {
  readonly type: 'bridge';
  /** Bridge to use or create. @default 'cni0' */
  readonly bridge?: string;
  /** Give the bridge an address (the range's gateway). @default false */
  readonly isGateway?: boolean;
  /** As isGateway, and make it the pod's default route. @default false */
  readonly isDefaultGateway?: boolean;
  /** Replace the bridge address when it changed. @default false */
  readonly forceAddress?: boolean;
  /** Masquerade traffic leaving the network. @default false */
  readonly ipMasq?: boolean;
  /** MTU. @default - chosen by the kernel */
  readonly mtu?: number;
  /** Hairpin mode on the bridge ports. @default false */
  readonly hairpinMode?: boolean;
  /** Promiscuous mode on the bridge. @default false */
  readonly promiscMode?: boolean;
  /** VLAN tag of the pod's port. @default - none */
  readonly vlan?: number;
  /** Keep the default VLAN on the node-side veth. @default false */
  readonly preserveDefaultVlan?: boolean;
  /** VLAN trunk of the pod's port. @default - none */
  readonly vlanTrunk?: BridgeVlanTrunk[];
  /** Duplicate address detection on the pod side. @default false */
  readonly enabledad?: boolean;
  /** Drop frames whose source MAC is not the pod's. @default false */
  readonly macspoofchk?: boolean;
}
