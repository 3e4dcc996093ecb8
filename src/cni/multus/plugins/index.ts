/** The main CNI plugins a NetworkAttachmentDefinition can use. */
import type { BridgePlugin } from './bridge';
import type { HostDevicePlugin } from './host-device';
import type { IpvlanPlugin } from './ipvlan';
import type { MacvlanPlugin } from './macvlan';
import type { PtpPlugin } from './ptp';
import type { SriovPlugin } from './sriov';
import type { VlanPlugin } from './vlan';

export * from './bridge';
export * from './host-device';
export * from './ipvlan';
export * from './macvlan';
export * from './ptp';
export * from './sriov';
export * from './tuning';
export * from './vlan';

/** Typed main plugin configuration, discriminated on `type`. */
export type CniPlugin = MacvlanPlugin | IpvlanPlugin | BridgePlugin | HostDevicePlugin | VlanPlugin | PtpPlugin | SriovPlugin;

/** The `type` of every main plugin. */
export type CniPluginType = CniPlugin['type'];
