/** Rule cases of Canal (its data-path rules are in flannel.ts). */
import { specCase, specWith, type RuleCase } from '../support';

export const CANAL_CASES: readonly RuleCase[] = [
  specCase(
    'canal/felix-data-path-feature',
    'Felix eBPF on Canal',
    specWith({ cni: { type: 'canal', felix: { bpfEnabled: true } } }),
    specWith({ cni: { type: 'canal', felix: { bpfEnabled: false } } }),
  ),
  specCase(
    'canal/felix-data-path-feature',
    'Felix WireGuard on Canal instead of the Flannel WireGuard backend',
    specWith({ cni: { type: 'canal', felix: { wireguardEnabled: true } } }),
    specWith({ cni: { type: 'canal', flannel: { backend: 'wireguard' } } }),
  ),
];
