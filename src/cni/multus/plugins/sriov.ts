/**
 * sriov (k8snetworkplumbingwg/sriov-cni README): an SR-IOV virtual function. The VF comes from the SR-IOV device plugin:
 * `resourceName` becomes the `k8s.v1.cni.cncf.io/resourceName` annotation and the resource pods request.
 */
export interface SriovPlugin {
  readonly type: 'sriov';
  /** Device-plugin resource, e.g. `intel.com/sriov_netdevice` (not part of the CNI config: an annotation). */
  readonly resourceName: string;
  /** VLAN id of the VF, 0-4094. @default 0 */
  readonly vlan?: number;
  /** VLAN QoS, 0-7. @default 0 */
  readonly vlanQoS?: number;
  /** Spoof checking. @default - unchanged */
  readonly spoofchk?: 'on' | 'off';
  /** Trusted VF. @default - unchanged */
  readonly trust?: 'on' | 'off';
  /** VF link state. @default - unchanged */
  readonly link_state?: 'auto' | 'enable' | 'disable';
  /** Minimum TX rate in Mbps. @default - unchanged */
  readonly min_tx_rate?: number;
  /** Maximum TX rate in Mbps. @default - unchanged */
  readonly max_tx_rate?: number;
}
