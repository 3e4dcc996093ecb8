/** tuning (plugins-docs/tuning.md), chained after the main plugin: sysctls and interface attributes in the pod. */
export interface TuningPlugin {
  /** Sysctls to set; `IFNAME` in a key is the attachment's interface. @default - none */
  readonly sysctl?: Record<string, string>;
  /** MAC address for every pod (prefer per-pod `mac` with `capabilities.mac`). @default - unchanged */
  readonly mac?: string;
  /** MTU. @default - unchanged */
  readonly mtu?: number;
  /** Promiscuous mode. @default - unchanged */
  readonly promisc?: boolean;
  /** All-multicast mode. @default - unchanged */
  readonly allmulti?: boolean;
  /** Capabilities; `mac: true` lets each pod set its MAC through the attachment's `mac`. @default - none */
  readonly capabilities?: { readonly mac?: boolean };
}
