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
  cilium: {
    version: 'v1.19.5',
    /** Images as the 1.19.5 chart renders them (`repository:tag@digest`); a version override drops the digest. */
    images: {
      agent: { image: 'quay.io/cilium/cilium:v1.19.5', digest: 'sha256:20fbbc14ac20b55a292c0dcda5571bf31cde30a7dbc68c29db3e709390ab0732' },
      operator: { image: 'quay.io/cilium/operator-generic:v1.19.5', digest: 'sha256:be848a365776e07d0c5a895eda7aec928ddc52a5a1fa2f432fd7a286609e1db4' },
      envoy: {
        image: 'quay.io/cilium/cilium-envoy:v1.36.8-1781157951-a7f42a3390781539911b5b9107881b35ecc4e752',
        digest: 'sha256:326f872e19ce8aa45170efbf583b3f301586ba3feead14b864676d4baf3b45ed',
      },
      hubbleRelay: { image: 'quay.io/cilium/hubble-relay:v1.19.5', digest: 'sha256:24409bfa1bca075c92acb26ba4b49cd573d99d68d5370f7cc825078185222a0c' },
      hubbleUiBackend: { image: 'quay.io/cilium/hubble-ui-backend:v0.13.5', digest: 'sha256:fac0c300ae119274edca11fd89b1ad23c788792d8bc4ea2ba631c709e8d3c688' },
      hubbleUi: { image: 'quay.io/cilium/hubble-ui:v0.13.5', digest: 'sha256:f7d514fc54d784ed6df9d58cf0e97648b143f92b766dd1780ed3fc845bd4c516' },
      certgen: { image: 'quay.io/cilium/certgen:v0.4.5', digest: 'sha256:f107522ed4dcea62f918b8eb836142875a9b3e3cb2b2d728dc680f76cdbde6cf' },
    },
  },
  weave: {
    version: '2.8.1',
    images: {
      weave: 'weaveworks/weave-kube:2.8.1',
      npc: 'weaveworks/weave-npc:2.8.1',
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
  'kube-router': {
    version: 'v2.11.1',
    images: {
      /** Upstream's manifests use the untagged (latest) image; we pin the release tag (SOURCES.md). */
      kubeRouter: 'docker.io/cloudnativelabs/kube-router:v2.11.1',
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
  whereabouts: {
    /** Release v0.9.4; upstream's doc/crds manifests float `:latest`, the release workflow pushes the git tag (SOURCES.md). */
    version: 'v0.9.4',
    images: {
      whereabouts: 'ghcr.io/k8snetworkplumbingwg/whereabouts:v0.9.4',
    },
  },
  antrea: {
    /** Release v2.7.0; upstream's committed antrea.yml renders `:latest`, the release asset `:v2.7.0`. */
    version: 'v2.7.0',
    images: {
      agent: 'antrea/antrea-agent-ubuntu:v2.7.0',
      controller: 'antrea/antrea-controller-ubuntu:v2.7.0',
    },
  },
  /** The Kubernetes e2e test image the migration runbook's reachability checks run (`agnhost netexec` / `connect`). */
  connectivityCheck: {
    version: '2.53',
    images: { agnhost: 'registry.k8s.io/e2e-test-images/agnhost:2.53' },
  },
} as const;
