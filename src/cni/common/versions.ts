/**
 * Every upstream version and image this release pins, in one place (ground truth: ../shared/reference/<cni>/SOURCES.md).
 * `spec.cni.version` overrides a CNI's main tag; `spec.cni.imageRegistry` mirrors every image.
 */
export const VERSIONS = {
  flannel: {
    version: 'v0.28.9',
    images: {
      flannel: 'ghcr.io/flannel-io/flannel:v0.28.9',
      cniPlugin: 'ghcr.io/flannel-io/flannel-cni-plugin:v1.9.1-flannel3',
    },
  },
  multus: {
    version: 'v4.3.0',
    images: {
      /** Thin plugin (deployments/multus-daemonset.yml; upstream floats `:snapshot`). */
      thin: 'ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0',
      /** Thick plugin with multus-daemon (deployments/multus-daemonset-thick.yml; upstream floats `:snapshot-thick`). */
      thick: 'ghcr.io/k8snetworkplumbingwg/multus-cni:v4.3.0-thick',
    },
  },
} as const;
