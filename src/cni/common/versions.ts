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
  'aws-vpc-cni': {
    version: 'v1.23.1',
    images: {
      cni: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.23.1',
      init: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:v1.23.1',
      networkPolicyAgent: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.4.2',
    },
  },
  'azure-cni': {
    version: 'v1.5.16',
    images: {
      cni: 'mcr.microsoft.com/containernetworking/azure-cni:v1.5.16',
      pause: 'mcr.microsoft.com/oss/kubernetes/pause:3.6',
      ipMasqAgent: 'mcr.microsoft.com/aks/ip-masq-agent-v2:v0.1.7',
      /** Copies the spec's conflist onto the node; the base image upstream's CNS manifest uses for its debug container. */
      conflistInstaller: 'mcr.microsoft.com/cbl-mariner/base/core:2.0',
    },
  },
  calico: {
    version: 'v3.32.1',
    images: {
      cni: 'quay.io/calico/cni:v3.32.1',
      node: 'quay.io/calico/node:v3.32.1',
      kubeControllers: 'quay.io/calico/kube-controllers:v3.32.1',
      typha: 'quay.io/calico/typha:v3.32.1',
    },
  },
  canal: {
    /** Canal is released with Calico (manifests/canal.yaml of the same tag); its flannel image is pinned separately. */
    version: 'v3.32.1',
    images: {
      flannel: 'docker.io/flannel/flannel:v0.24.4',
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
