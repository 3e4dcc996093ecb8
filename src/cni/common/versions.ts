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
} as const;
