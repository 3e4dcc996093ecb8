/** Rules of the Flannel data path, shared by `cni.type: flannel` and Canal's `cni.flannel`. */
import { defineRule } from '../../../rules/rule';

export const FLANNEL_DATA_PATH_RULES = {
  backendOptions: defineRule<{ what: string; backend: string; allowed: string }>({
    id: 'flannel/backend-options-without-backend',
    severity: 'error',
    path: 'spec.cni.{vxlan,wireguard} | spec.cni.flannel.{vxlan,wireguard}',
    summary: 'VXLAN or WireGuard options are set while another backend is chosen; flanneld would never read them.',
    source: {
      contract:
        'SPEC.md "spec.cni by type" (flannel: vxlan options for backend vxlan, wireguard options for backend wireguard) and "Errors" (a setting must never be silently ignored): net-conf.json has one Backend object, of the chosen Type, so the other block would be dropped',
    },
    message: ({ what, backend, allowed }) => `${what} options are set but backend is ${backend} (allowed: only with backend ${allowed})`,
  }),
};
