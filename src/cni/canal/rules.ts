/** Canal's own rules (the Flannel data-path rules are in common/flannel-data-path/rules.ts). */
import { defineRule } from '../../rules/rule';

export const CANAL_RULES = {
  felixDataPathFeature: defineRule<{ feature: string; instead: string }>({
    id: 'canal/felix-data-path-feature',
    severity: 'warning',
    path: 'spec.cni.felix.{bpfEnabled,wireguardEnabled,wireguardEnabledV6}',
    summary: 'Felix data-path features (eBPF, WireGuard) are set on Canal, where Flannel owns the data path.',
    source: {
      opinion:
        'canal.yaml (projectcalico/calico@v3.32.1 manifests/canal.yaml) runs calico-node with CALICO_NETWORKING_BACKEND none and lets flanneld route pods; Tigera documents and tests eBPF and WireGuard with Calico networking only, so the combination is untested upstream rather than refused',
    },
    message: ({ feature, instead }) => `${feature} is not a combination upstream documents for Canal, where Flannel owns the data path (allowed: false; ${instead})`,
  }),
};
