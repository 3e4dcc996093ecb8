/** Weave Net rules (weaveworks/weave@v2.8.1, the last release of an archived project). */
import { defineRule } from '../../rules/rule';

const WEAVE = 'weaveworks/weave@v2.8.1';

export const WEAVE_RULES = {
  ipv4Only: defineRule<{ families: string }>({
    id: 'weave/ipv4-only',
    severity: 'error',
    path: 'spec.ipFamilies',
    summary: 'Weave Net allocates and routes IPv4 only.',
    source: { upstream: `${WEAVE} net/address/address.go (an IPAM Address is a uint32) and site/kubernetes/kube-addon.md (IPALLOC_RANGE is an IPv4 range)` },
    message: ({ families }) => `[${families}] is not supported by Weave Net (allowed: [IPv4])`,
  }),
  rangeMatchesPods: defineRule<{ range: string; pods: string }>({
    id: 'weave/ipalloc-range-matches-pods',
    severity: 'error',
    path: 'spec.cni.ipallocRange',
    summary: 'IPALLOC_RANGE equals the pod range kube-proxy gets as --cluster-cidr.',
    source: { upstream: `${WEAVE} site/kubernetes/kube-addon.md ("If you do set the --cluster-cidr option on kube-proxy, make sure it matches the IPALLOC_RANGE given to Weave Net")` },
    message: ({ range, pods }) => `${range} is not spec.pods.cidrs[0] ${pods}; Weave requires kube-proxy --cluster-cidr (the pod range) to match IPALLOC_RANGE (allowed: ${pods}, or leave ipallocRange unset)`,
  }),
  rangeTooSmall: defineRule<{ range: string; size: string; nodes: number; pods: number; needed: string }>({
    id: 'weave/ipalloc-range-too-small',
    severity: 'error',
    path: 'spec.cni.ipallocRange | spec.pods.cidrs[0]',
    summary: 'IPALLOC_RANGE holds every node at maxPerNode pods plus its bridge address, at spec.nodes.maxCount.',
    source: {
      contract: `SPEC.md "Pod ranges by CNI" (the plan holds for nodes.maxCount); ${WEAVE} ipam/allocator.go hands out addresses only from IPALLOC_RANGE, so once it is exhausted pod creation fails`,
    },
    message: ({ range, size, nodes, pods, needed }) =>
      `${range} has ${size} addresses but ${nodes} nodes × (${pods} pods + 1 bridge address) need ${needed} (allowed: a range of at least that size, fewer nodes, or a lower spec.pods.maxPerNode)`,
  }),
  mtuAboveUnderlay: defineRule<{ mtu: number; overhead: number; underlay: number; limit: number }>({
    id: 'weave/mtu-above-underlay',
    severity: 'warning',
    path: 'spec.cni.mtu',
    summary: 'WEAVE_MTU plus Weave\'s encapsulation overhead exceeds the underlay MTU.',
    source: { upstream: `${WEAVE} site/tasks/manage/fastdp.md ("MTU": the underlay must carry WEAVE_MTU plus overheads of around 84-87 bytes); Weave still runs, over the slower sleeve path` },
    message: ({ mtu, overhead, underlay, limit }) => `${mtu} plus Weave's ${overhead}-byte overhead exceeds spec.nodes.mtu ${underlay}, so Weave falls back to the slow sleeve path (allowed: at most ${limit})`,
  }),
  archived: defineRule<{ version: string }>({
    id: 'weave/archived-upstream',
    severity: 'warning',
    path: 'spec.cni.type',
    summary: 'Weave Net is archived upstream: no releases or security fixes after v2.8.1.',
    source: { upstream: 'github.com/weaveworks/weave (repository archived; last release v2.8.1, last commit 8c847638, 2022-11-23); weaveworks/weave#4003' },
    message: ({ version }) =>
      `Weave Net is archived upstream: Weaveworks shut down in 2024 and ${version} is the last release (no security fixes). Plan a migration (e.g. to Cilium or Calico); the community fork is rajch/weave.`,
  }),
};
