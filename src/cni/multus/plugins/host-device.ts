/** host-device (plugins-docs/host-device.md): moves an existing node device into the pod. Set exactly one selector. */
export interface HostDevicePlugin {
  readonly type: 'host-device';
  /** Device name, e.g. `eth1`. @default - none */
  readonly device?: string;
  /** Device MAC address. @default - none */
  readonly hwaddr?: string;
  /** Kernel device kobj, e.g. `/sys/devices/pci0000:00/0000:00:1f.6`. @default - none */
  readonly kernelpath?: string;
  /** PCI address, e.g. `0000:00:1f.6`. @default - none */
  readonly pciBusID?: string;
}

/** The selector fields of host-device: exactly one must be set. */
export const HOST_DEVICE_SELECTORS = ['device', 'hwaddr', 'kernelpath', 'pciBusID'] as const;
