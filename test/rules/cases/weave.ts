/** Rule cases of Weave Net. */
import { specCase, specWith, type RuleCase } from '../support';

const weave = (cni: object = {}, spec: Record<string, unknown> = {}) => specWith({ pods: { cidrs: ['10.32.0.0/12'] }, ...spec, cni: { type: 'weave', ...cni } });

export const WEAVE_CASES: readonly RuleCase[] = [
  specCase(
    'weave/ipv4-only',
    'an IPv6-only cluster',
    weave({}, { ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:32::/56'] }, services: { cidrs: ['fd00:10:96::/112'] } }),
    weave(),
  ),
  specCase('weave/ipalloc-range-matches-pods', 'IPALLOC_RANGE a part of the pod range', weave({ ipallocRange: '10.32.0.0/16' }), weave({ ipallocRange: '10.32.0.0/12' })),
  specCase(
    'weave/ipalloc-range-too-small',
    '20 nodes × 111 addresses in a /22',
    weave({}, { pods: { cidrs: ['10.32.0.0/22'] }, nodes: { count: 3, maxCount: 20 } }),
    weave({}, { pods: { cidrs: ['10.32.0.0/20'] }, nodes: { count: 3, maxCount: 20 } }),
  ),
  specCase('weave/mtu-above-underlay', 'WEAVE_MTU 1450 over a 1500 underlay', weave({ mtu: 1450 }), weave({ mtu: 1416 })),
  specCase('weave/archived-upstream', 'every Weave spec is warned about; other CNIs are not', weave(), specWith({})),
];
