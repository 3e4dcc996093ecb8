/** Rule cases of the Flannel data path (Flannel and Canal) and the shared pod-MTU rules. */
import { specCase, specWith, type RuleCase } from '../support';

const v6 = { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/112'] } };

export const FLANNEL_CASES: readonly RuleCase[] = [
  specCase(
    'flannel/backend-options-without-backend',
    'VXLAN options with backend host-gw',
    specWith({ cni: { type: 'flannel', backend: 'host-gw', vxlan: { vni: 2 } } }),
    specWith({ cni: { type: 'flannel', backend: 'vxlan', vxlan: { vni: 2 } } }),
  ),
  specCase(
    'flannel/backend-options-without-backend',
    'Canal: WireGuard options with backend vxlan',
    specWith({ cni: { type: 'canal', flannel: { backend: 'vxlan', wireguard: { listenPort: 51000 } } } }),
    specWith({ cni: { type: 'canal', flannel: { backend: 'wireguard', wireguard: { listenPort: 51000 } } } }),
  ),
  specCase(
    'mtu/pod-mtu-below-ipv6-minimum',
    'Flannel WireGuard (80 bytes) over IPv6: 1359 leaves 1279',
    specWith({ ...v6, nodes: { count: 3, mtu: 1359 }, cni: { type: 'flannel', backend: 'wireguard' } }),
    specWith({ ...v6, nodes: { count: 3, mtu: 1360 }, cni: { type: 'flannel', backend: 'wireguard' } }),
  ),
  specCase(
    'mtu/pod-mtu-below-576',
    'Flannel VXLAN over IPv4: 625 leaves 575',
    specWith({ nodes: { count: 3, mtu: 625 } }),
    specWith({ nodes: { count: 3, mtu: 626 } }),
  ),
];
