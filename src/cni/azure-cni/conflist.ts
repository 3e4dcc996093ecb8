/** The Linux conflists Azure CNI ships (azure-container-networking v1.8.12 `cni/*.conflist`), by mode. */

/** vnet: `azure-linux.conflist`; podsubnet: `azure-linux-swift.conflist`; overlay: `azure-linux-swift-overlay.conflist`. */
export type AzureConflistMode = 'vnet' | 'podsubnet' | 'overlay';

/** The address node-local-dns listens on; upstream routes it via the host. */
export const NODE_LOCAL_DNS_IP = '169.254.20.10';

/** The conflist object for a mode (cniVersion 0.3.0, azure-vnet in transparent mode, portmap with SNAT). */
export function azureConflist(mode: AzureConflistMode): Record<string, unknown> {
  const ipam = mode === 'vnet' ? { type: 'azure-vnet-ipam' } : mode === 'overlay' ? { type: 'azure-cns', mode: 'overlay' } : { type: 'azure-cns' };
  return {
    cniVersion: '0.3.0',
    name: 'azure',
    plugins: [
      {
        type: 'azure-vnet',
        mode: 'transparent',
        ...(mode === 'podsubnet' ? { executionMode: 'v4swift' } : {}),
        ipsToRouteViaHost: [NODE_LOCAL_DNS_IP],
        ipam,
      },
      { type: 'portmap', capabilities: { portMappings: true }, snat: true },
    ],
  };
}
