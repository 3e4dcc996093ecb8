/** The CNI network config template `install-cni` renders into `/etc/cni/net.d/10-*.conflist` (calico.yaml, canal.yaml). */

/** The IPAM block of the calico CNI plugin. */
export type CalicoCniIpam =
  | { readonly type: 'calico-ipam'; readonly assign_ipv4?: 'true' | 'false'; readonly assign_ipv6?: 'true' | 'false' }
  | { readonly type: 'host-local'; readonly subnet: 'usePodCidr' | 'usePodCidrIPv6' }
  | { readonly type: 'host-local'; readonly ranges: ReadonlyArray<ReadonlyArray<{ readonly subnet: string }>> };

/** Placeholder install-cni replaces with CNI_MTU; written bare (not a JSON string), as upstream's template has it. */
const MTU_PLACEHOLDER = '__CNI_MTU__';

/**
 * The `cni_network_config` ConfigMap value: the calico plugin (Kubernetes datastore, k8s policy) plus portmap.
 * install-cni substitutes `__KUBERNETES_NODE_NAME__`, `__CNI_MTU__` and `__KUBECONFIG_FILEPATH__` on each node.
 */
export function calicoCniNetworkConfig(ipam: CalicoCniIpam): string {
  const conf = {
    name: 'k8s-pod-network',
    cniVersion: '0.3.1',
    plugins: [
      {
        type: 'calico',
        log_level: 'info',
        log_file_path: '/var/log/calico/cni/cni.log',
        datastore_type: 'kubernetes',
        nodename: '__KUBERNETES_NODE_NAME__',
        mtu: MTU_PLACEHOLDER,
        ipam,
        policy: { type: 'k8s' },
        kubernetes: { kubeconfig: '__KUBECONFIG_FILEPATH__' },
      },
      { type: 'portmap', snat: true, capabilities: { portMappings: true } },
    ],
  };
  return JSON.stringify(conf, null, 2).replace(`"${MTU_PLACEHOLDER}"`, MTU_PLACEHOLDER);
}
