/** Every check of the Cilium CNI (spec.cni type cilium), with where upstream says so (Cilium 1.19.5). */
import { defineRule } from '../../rules/rule';

const CHART_CONFIGMAP = 'cilium/cilium@v1.19.5 install/kubernetes/cilium/templates/cilium-configmap.yaml';
const CIDRSET = 'cilium/cilium@v1.19.5 pkg/ipam/cidrset/cidr_set.go (NewCIDRSet)';
const TUNNEL = 'cilium/cilium@v1.19.5 pkg/datapath/tunnel/tunnel.go (newConfig)';
const POD_RANGES = { contract: 'SPEC.md "Pod ranges by CNI": Cilium cluster-pool ranges lie in spec.pods.cidrs, and their per-node blocks number at least nodes.maxCount' };

type Family = { family: 'IPv4' | 'IPv6' };

export const CILIUM_RULES = {
  clusterPoolFamily: defineRule<{ cidr: string; family: string }>({
    id: 'cilium/cluster-pool-ipv4-only',
    severity: 'error',
    path: 'spec.cni.ipam.clusterPoolIPv4PodCIDRList[*]',
    summary: 'clusterPoolIPv4PodCIDRList holds IPv4 ranges; the IPv6 pool comes from the IPv6 entry of spec.pods.cidrs.',
    source: { upstream: `${CHART_CONFIGMAP} (cluster-pool-ipv4-cidr is the agent's IPv4 pool)` },
    message: ({ cidr, family }) => `${cidr} is ${family} (allowed: IPv4 ranges; IPv6 pools come from spec.pods.cidrs)`,
  }),
  clusterPoolOutsidePods: defineRule<{ cidr: string; pods: string }>({
    id: 'cilium/cluster-pool-outside-pods',
    severity: 'error',
    path: 'spec.cni.ipam.clusterPoolIPv4PodCIDRList[*]',
    summary: 'A cluster-pool range lies inside the cluster pod range, so the IP plan checks cover it.',
    source: POD_RANGES,
    message: ({ cidr, pods }) => `${cidr} is not inside spec.pods.cidrs [${pods}] (allowed: cluster-pool ranges inside the cluster's pod range)`,
  }),
  clusterPoolOverlap: defineRule<{ cidr: string; other: string }>({
    id: 'cilium/cluster-pool-overlap',
    severity: 'error',
    path: 'spec.cni.ipam.clusterPoolIPv4PodCIDRList[*]',
    summary: 'cluster-pool ranges are distinct: the operator would hand out the same node block twice.',
    source: { upstream: 'cilium/cilium@v1.19.5 pkg/ipam/allocator/clusterpool/cidralloc (one CIDRSet per range, no overlap tracking across sets)' },
    message: ({ cidr, other }) => `${cidr} overlaps ${other} (allowed: distinct cluster-pool ranges)`,
  }),
  clusterPoolMask: defineRule<{ mask: number; what: string; allowed: string }>({
    id: 'cilium/cluster-pool-mask',
    severity: 'error',
    path: 'spec.cni.ipam.clusterPoolIPv4MaskSize | spec.pods.nodeMaskSize | spec.pods.nodeMaskSizeIPv6',
    summary: 'The per-node block fits inside each cluster-pool range and leaves addresses for pods.',
    source: { upstream: `${CIDRSET}: the node mask must not be shorter than the cluster range` },
    message: ({ mask, what, allowed }) => `/${mask} does not fit ${what} (allowed: ${allowed})`,
  }),
  ipv6MaskTooLong: defineRule<{ mask: number; max: number; path: string; pool: string; longest: number; shortest: number }>({
    id: 'cilium/cluster-pool-ipv6-mask-too-long',
    severity: 'error',
    path: 'spec.pods.nodeMaskSizeIPv6',
    summary: "An IPv6 node mask at most 16 bits longer than the pool: Cilium's cidrset tracks blocks in a bitmap and refuses more.",
    source: { upstream: `${CIDRSET}: "the node CIDR size is too big"` },
    message: ({ mask, max, path, pool, longest, shortest }) =>
      `/${mask} is more than ${max} bits longer than ${path} ${pool}; Cilium's cluster-pool allocator refuses it ("the node CIDR size is too big") (allowed: /${shortest} to /${longest}, or an IPv6 pod range of /${mask - max} or longer)`,
  }),
  clusterPoolBlocks: defineRule<{ nodes: number; mask: number; where: string; blocks: bigint; longer: string }>({
    id: 'cilium/cluster-pool-blocks',
    severity: 'error',
    path: 'spec.nodes.maxCount | spec.nodes.count',
    summary: 'The cluster pool holds a per-node block for every node up to nodes.maxCount; a node without one gets no pod addresses.',
    source: POD_RANGES,
    message: ({ nodes, mask, where, blocks, longer }) => `${nodes} nodes need ${nodes} /${mask} blocks but ${where} holds ${blocks} (allowed: at most ${blocks} nodes, ${longer})`,
  }),
  clusterPoolPods: defineRule<Family & { pods: number; mask: number; usable: bigint; maskPath: string }>({
    id: 'cilium/cluster-pool-pods-per-node',
    severity: 'error',
    path: 'spec.pods.maxPerNode',
    summary:
      'maxPerNode fits a cluster-pool node block: the block loses its first and last address (ipallocator), the router (cilium_host) and the health endpoint address, and IPv6 blocks count at most 65536 addresses.',
    source: {
      upstream:
        'cilium/cilium@v1.19.5 pkg/ipam/service/ipallocator/allocator.go (NewCIDRRange: RangeSize − 2; RangeSize caps IPv6 at 2^16) and pkg/ipam (the agent allocates the router and health IPs from the node block)',
    },
    message: ({ family, pods, mask, usable, maskPath }) =>
      `${pods} pods do not fit a /${mask} ${family === 'IPv6' ? 'IPv6 ' : ''}cluster-pool block, which has ${usable} usable addresses (allowed: at most ${usable}, or a shorter ${maskPath})`,
  }),
  clusterPoolWithKubernetesIpam: defineRule<{ hint: string }>({
    id: 'cilium/cluster-pool-with-kubernetes-ipam',
    severity: 'error',
    path: 'spec.cni.ipam.clusterPoolIPv4PodCIDRList | spec.cni.ipam.clusterPoolIPv4MaskSize',
    summary: 'cluster-pool settings are only read with ipam.mode cluster-pool; with kubernetes IPAM they would silently do nothing.',
    source: { upstream: `${CHART_CONFIGMAP} (cluster-pool-* keys are written only when ipam.mode is cluster-pool)` },
    message: ({ hint }) => `is set but ipam.mode is kubernetes (allowed: only with mode cluster-pool${hint})`,
  }),
  tunnelPortNative: defineRule({
    id: 'cilium/tunnel-port-native',
    severity: 'warning',
    path: 'spec.cni.tunnelPort',
    summary: 'tunnelPort does nothing with native routing (unless the egress gateway runs the tunnel).',
    source: { opinion: 'the agent accepts tunnel-port in native routing and ignores it; a set value there is most likely a mistake' },
    message: () => 'is set but routingMode is native, so it has no effect (allowed: only with routingMode tunnel or egressGateway.enabled)',
  }),
  autoDirectNodeRoutesTunnel: defineRule({
    id: 'cilium/auto-direct-node-routes-tunnel',
    severity: 'error',
    path: 'spec.cni.autoDirectNodeRoutes',
    summary: 'autoDirectNodeRoutes needs native routing; the agent refuses it with tunneling.',
    source: { upstream: 'cilium/cilium@v1.19.5 pkg/option/config.go (checkIPv4NativeRoutingCIDR / auto-direct-node-routes requires routing-mode native)' },
    message: () => 'is true but routingMode is tunnel; Cilium refuses auto-direct-node-routes with tunneling (allowed: false, or routingMode native)',
  }),
  nativeRoutingCidrRequired: defineRule<Family>({
    id: 'cilium/native-routing-cidr-required',
    severity: 'error',
    path: 'spec.cni.ipv4NativeRoutingCIDR | spec.cni.ipv6NativeRoutingCIDR',
    summary: 'Native routing needs the native routing CIDR of every enabled family (masquerading is on by default).',
    source: { upstream: `${CHART_CONFIGMAP}: fail "ipv4NativeRoutingCIDR must be set when routingMode is native" / "ipv6NativeRoutingCIDR must be set …"` },
    message: ({ family }) => `is required when routingMode is native${family === 'IPv6' ? ' and IPv6 is enabled' : ''} (allowed: a${family === 'IPv6' ? 'n IPv6' : ''} CIDR that covers the pod range, e.g. the VPC or the pod CIDR)`,
  }),
  nativeRoutingCidrInvalid: defineRule<{ problem: string }>({
    id: 'cilium/native-routing-cidr-invalid',
    severity: 'error',
    path: 'spec.cni.ipv4NativeRoutingCIDR | spec.cni.ipv6NativeRoutingCIDR',
    summary: 'A native routing CIDR is a canonical CIDR of its own family.',
    source: { upstream: 'cilium/cilium@v1.19.5 pkg/option/config.go (ipv4-native-routing-cidr / ipv6-native-routing-cidr parsed as a CIDR of that family)' },
    message: ({ problem }) => problem,
  }),
  nativeRoutingCidrCoverage: defineRule<{ cidr: string; path: string; pod: string }>({
    id: 'cilium/native-routing-cidr-coverage',
    severity: 'warning',
    path: 'spec.cni.ipv4NativeRoutingCIDR | spec.cni.ipv6NativeRoutingCIDR',
    summary: 'Pod traffic to destinations outside the native routing CIDR is masqueraded; a CIDR that misses a pod range masquerades pod-to-pod traffic.',
    source: { opinion: 'Cilium accepts it, but pods then see each other through node addresses (policy by source IP and logs lose the pod address)' },
    message: ({ cidr, path, pod }) => `${cidr} does not cover ${path} ${pod} (allowed: a range containing every pod range, or pod traffic is masqueraded)`,
  }),
  k8sServiceRequired: defineRule<{ field: 'k8sServiceHost' | 'k8sServicePort' }>({
    id: 'cilium/kube-proxy-replacement-api-server',
    severity: 'error',
    path: 'spec.cni.k8sServiceHost | spec.cni.k8sServicePort',
    summary: 'With kube-proxy replaced (and not installed), the agent reaches the API server directly, so its address and port are needed.',
    source: { upstream: 'https://docs.cilium.io/en/v1.19/network/kubernetes/kubeproxy-free/ (set k8sServiceHost/k8sServicePort: without kube-proxy the kubernetes Service ClusterIP is not served until the agent runs)' },
    message: ({ field }) =>
      field === 'k8sServiceHost'
        ? 'is required when kubeProxyReplacement is true: without kube-proxy the agent cannot reach the API server through its ClusterIP (allowed: the API server address or DNS name)'
        : 'is required when kubeProxyReplacement is true (allowed: the API server port, e.g. 6443)',
  }),
  k8sServiceHostAuto: defineRule({
    id: 'cilium/k8s-service-host-auto',
    severity: 'error',
    path: 'spec.cni.k8sServiceHost',
    summary: '`auto` is resolved by the chart at install time from the live cluster-info ConfigMap (Helm lookup); an offline synth cannot, and the literal would reach the agent.',
    source: { upstream: 'cilium/cilium@v1.19.5 install/kubernetes/cilium/values.yaml (k8sServiceHost: "use auto for automatic lookup from the cluster-info ConfigMap") and templates/_helpers.tpl (k8sServiceHost: lookup kube-public/cluster-info)' },
    message: () =>
      'auto needs a live cluster: the chart looks the API server up in kube-public/cluster-info at install time, which a synth cannot (allowed: the API server address, e.g. the host of the server URL in `kubectl -n kube-public get cm cluster-info`)',
  }),
  underlayFamily: defineRule<{ underlay: string; missing: string }>({
    id: 'cilium/underlay-protocol-family',
    severity: 'error',
    path: 'spec.cni.underlayProtocol',
    summary: 'The tunnel underlay family must be enabled: the agent exits when the underlay is IPv4 without IPv4 (the default underlay, so IPv6-only needs ipv6) or IPv6 without IPv6.',
    source: { upstream: `${TUNNEL}: "underlay protocol set to IPv4, but IPv4 is disabled"` },
    message: ({ underlay, missing }) => `${underlay} but spec.ipFamilies has no ${missing}; the agent exits ("underlay protocol set to ${missing}, but ${missing} is disabled") (allowed: ${underlay === 'ipv4' ? 'ipv6' : 'ipv4'}, or leave it out to follow the families)`,
  }),
  underlayEncryption: defineRule<{ type: string }>({
    id: 'cilium/ipv6-underlay-encryption',
    severity: 'error',
    path: 'spec.cni.encryption',
    summary: 'Transparent encryption does not work over an IPv6 tunnel underlay in Cilium 1.19.',
    source: {
      upstream:
        'https://docs.cilium.io/en/v1.19/network/concepts/routing/ (encapsulation: "The underlying network must support IPv4", IPv6 tunneling tracked in cilium/cilium#17240); WireGuard and IPsec select the peer by the IPv4 tunnel endpoint (cilium/cilium#19401)',
    },
    message: ({ type }) => `${type} with an IPv6 tunnel underlay: Cilium 1.19 does not encrypt over an IPv6 underlay (allowed: routingMode native, or no encryption)`,
  }),
  ipsecKeySecret: defineRule({
    id: 'cilium/ipsec-key-secret',
    severity: 'error',
    path: 'spec.cni.encryption.keySecret',
    summary: 'IPsec needs the Secret holding its key (the agent reads the key file at start and exits without it); the key itself never goes in the spec.',
    source: { upstream: 'cilium/cilium@v1.19.5 pkg/datapath/linux/ipsec (LoadIPSecKeysFile at start-up; the chart mounts encryption.ipsec.secretName at /etc/ipsec)' },
    message: () => 'is required when encryption type is ipsec (allowed: {name: <Secret with key "keys">}; the key itself never goes in the spec)',
  }),
  keySecretWireguard: defineRule({
    id: 'cilium/key-secret-wireguard',
    severity: 'warning',
    path: 'spec.cni.encryption.keySecret',
    summary: 'keySecret does nothing with WireGuard, which makes its own keys.',
    source: { opinion: 'the chart mounts the IPsec Secret only for type ipsec; a Secret named here is never used' },
    message: () => 'is set but type is wireguard, which generates its own keys, so it is ignored (allowed: only with type ipsec)',
  }),
  hubbleUiWithoutRelay: defineRule({
    id: 'cilium/hubble-ui-without-relay',
    severity: 'warning',
    path: 'spec.cni.hubble.ui',
    summary: 'The Hubble UI reads flows from Relay; without Relay it starts but shows nothing.',
    source: { opinion: 'the chart renders the UI without Relay (FLOWS_API_ADDR hubble-relay:80 then has no backend), which is never what was meant' },
    message: () => 'is true but hubble.relay is false; the UI reads flows from Relay (allowed: relay true, or ui false)',
  }),
  hubbleDisabled: defineRule({
    id: 'cilium/hubble-parts-without-hubble',
    severity: 'error',
    path: 'spec.cni.hubble.enabled',
    summary: 'Relay and the UI need Hubble on the agents.',
    source: { upstream: 'cilium/cilium@v1.19.5 install/kubernetes/cilium/templates/hubble-relay/*.yaml (rendered only when hubble.enabled)' },
    message: () => 'is false but relay or ui is true (allowed: enabled true)',
  }),
  hubbleTlsByHand: defineRule<{ namespace: string }>({
    id: 'cilium/hubble-tls-by-hand',
    severity: 'warning',
    path: 'spec.cni.hubble.tls.auto.method',
    summary: 'With Relay and no hubble.tls.auto.method, the TLS Secrets must be made by hand before Relay can reach the agents.',
    source: { upstream: 'cilium/cilium@v1.19.5 install/kubernetes/cilium/templates/hubble-relay/deployment.yaml (mounts hubble-relay-client-certs) and templates/hubble/tls-provided/* (Secrets the user provides)' },
    message: ({ namespace }) =>
      `Hubble Relay is enabled but this library does not create the TLS Secrets ${namespace}/hubble-server-certs (mounted by the agents) and ` +
      `${namespace}/hubble-relay-client-certs (mounted by Relay); Relay does not start until they exist. ` +
      'Choose hubble.tls.auto.method cronJob (in-cluster certgen) or certmanager (cert-manager Certificates), or create them by hand.',
  }),
  certManagerIssuer: defineRule({
    id: 'cilium/hubble-certmanager-issuer',
    severity: 'error',
    path: 'spec.cni.hubble.tls.auto.certManagerIssuerRef',
    summary: 'The certmanager method needs the Issuer that signs the Hubble certificates.',
    source: { upstream: 'cert-manager/cert-manager@v1.21.1 deploy/crds/cert-manager.io_certificates.yaml (spec.issuerRef.name is required)' },
    message: () => 'is required with method certmanager (allowed: {name, kind: Issuer | ClusterIssuer, group: cert-manager.io})',
  }),
};

const KPR_INIT = 'cilium/cilium@v1.19.5 pkg/kpr/initializer/kube_proxy_replacement.go (InitKubeProxyReplacementOptions)';
const KPR_CONFIG = 'cilium/cilium@v1.19.5 pkg/kpr/kpr.go (NewKPRConfig)';
const EGRESS_GATEWAY = 'cilium/cilium@v1.19.5 pkg/egressgateway/manager.go (NewEgressGatewayManager)';
const BANDWIDTH = 'cilium/cilium@v1.19.5 pkg/datapath/linux/bandwidth/bandwidth.go (manager.probe)';

/** The datapath knobs (bpf.masquerade, loadBalancer, socketLB, bandwidthManager, egressGateway) and extraConfig; see ./datapath-checks.ts. */
export const CILIUM_DATAPATH_RULES = {
  dsrVxlan: defineRule<{ mode: string }>({
    id: 'cilium/lb-dsr-vxlan',
    severity: 'error',
    path: 'spec.cni.loadBalancer.mode',
    summary: 'DSR (and hybrid) load balancing does not work over a VXLAN tunnel; the agent refuses it with kube-proxy replacement.',
    source: { upstream: `${KPR_INIT}: "Node Port %q mode cannot be used with vxlan tunneling."` },
    message: ({ mode }) =>
      `${mode} with VXLAN tunneling: the agent exits ("Node Port \"${mode}\" mode cannot be used with vxlan tunneling.") (allowed: snat, routingMode native, or tunnelProtocol geneve with loadBalancer.dsrDispatch geneve)`,
  }),
  dsrTunnelDispatch: defineRule<{ mode: string; dispatch: string }>({
    id: 'cilium/lb-dsr-tunnel-dispatch',
    severity: 'error',
    path: 'spec.cni.loadBalancer.dsrDispatch',
    summary: 'With tunnel routing, DSR passes the service address in a Geneve option, so the dispatch must be geneve.',
    source: { upstream: `${KPR_INIT}: "Tunnel routing with Node Port %q mode requires geneve dispatch."` },
    message: ({ mode, dispatch }) => `is ${dispatch} but ${mode} with tunnel routing requires geneve dispatch; the agent exits (allowed: geneve, or routingMode native)`,
  }),
  dsrGeneveProtocol: defineRule<{ mode: string; protocol: string }>({
    id: 'cilium/lb-dsr-geneve-dispatch-protocol',
    severity: 'error',
    path: 'spec.cni.loadBalancer.dsrDispatch',
    summary: 'Geneve DSR dispatch encapsulates in Geneve, so tunnelProtocol is geneve (also with native routing).',
    source: { upstream: `${KPR_INIT}: "Node Port %q mode with %q dispatch requires geneve tunnel protocol."` },
    message: ({ mode, protocol }) => `is geneve but tunnelProtocol is ${protocol}; ${mode} with geneve dispatch requires the geneve tunnel protocol and the agent exits (allowed: tunnelProtocol geneve, or dsrDispatch opt | ipip with native routing)`,
  }),
  lbModeWithoutKpr: defineRule<{ mode: string }>({
    id: 'cilium/lb-mode-without-kube-proxy-replacement',
    severity: 'warning',
    path: 'spec.cni.loadBalancer.mode',
    summary: "DSR and hybrid are modes of Cilium's kube-proxy replacement; without it kube-proxy serves NodePort and LoadBalancer traffic and the agent does not check the mode.",
    source: {
      upstream: `https://docs.cilium.io/en/v1.19/network/kubernetes/kubeproxy-free/ (DSR is configured with kubeProxyReplacement=true) and ${KPR_INIT} (the mode is checked only with kube-proxy-replacement)`,
    },
    message: ({ mode }) => `is ${mode} but kubeProxyReplacement is false; DSR and hybrid are load-balancing modes of Cilium's kube-proxy replacement (allowed: kubeProxyReplacement true, or mode snat)`,
  }),
  dsrDispatchSnat: defineRule({
    id: 'cilium/lb-dsr-dispatch-snat',
    severity: 'warning',
    path: 'spec.cni.loadBalancer.dsrDispatch',
    summary: 'dsrDispatch does nothing unless loadBalancer.mode is dsr or hybrid.',
    source: { opinion: 'the agent accepts bpf-lb-dsr-dispatch with SNAT load balancing and never uses it; a set value there is most likely a mistake' },
    message: () => 'is set but loadBalancer.mode is snat, so it has no effect (allowed: only with mode dsr or hybrid)',
  }),
  bpfMasqueradeWithoutKpr: defineRule({
    id: 'cilium/bpf-masquerade-without-kube-proxy-replacement',
    severity: 'warning',
    path: 'spec.cni.bpf.masquerade',
    summary: "Cilium's eBPF masquerading is documented to depend on the BPF NodePort code of the kube-proxy replacement.",
    source: { upstream: 'https://docs.cilium.io/en/v1.19/network/concepts/masquerading/ (eBPF-based: "The current implementation depends on the BPF NodePort feature")' },
    message: () => 'is true but kubeProxyReplacement is false; eBPF masquerading depends on the BPF NodePort feature of the kube-proxy replacement (allowed: kubeProxyReplacement true, or iptables masquerading)',
  }),
  socketLbOverridden: defineRule({
    id: 'cilium/socket-lb-disabled-with-kube-proxy-replacement',
    severity: 'warning',
    path: 'spec.cni.socketLB.enabled',
    summary: 'The kube-proxy replacement always turns socket load balancing on; socketLB.enabled false is ignored.',
    source: { upstream: `${KPR_CONFIG}: kube-proxy-replacement sets EnableSocketLB` },
    message: () => 'is false but kubeProxyReplacement is true, which turns socket LB on regardless (allowed: true, or leave it out; use socketLB.hostNamespaceOnly to keep pods on tc load balancing)',
  }),
  socketLbHostnsOnlyIgnored: defineRule({
    id: 'cilium/socket-lb-host-namespace-only-without-socket-lb',
    severity: 'warning',
    path: 'spec.cni.socketLB.hostNamespaceOnly',
    summary: 'hostNamespaceOnly restricts socket load balancing; without socket LB the agent resets it.',
    source: { upstream: `${KPR_CONFIG}: without socket LB, EnableSocketLBHostnsOnly is set to false` },
    message: () => 'is true but socket LB is off (socketLB.enabled and kubeProxyReplacement are false), so the agent ignores it (allowed: socketLB.enabled true or kubeProxyReplacement true)',
  }),
  bbrWithoutBandwidthManager: defineRule({
    id: 'cilium/bbr-without-bandwidth-manager',
    severity: 'warning',
    path: 'spec.cni.bandwidthManager.bbr',
    summary: 'BBR is part of the bandwidth manager; the chart writes enable-bbr only when bandwidthManager.enabled is true.',
    source: { upstream: `${CHART_CONFIGMAP} (enable-bbr is inside "if .Values.bandwidthManager.enabled") and values.yaml (bandwidthManager.enabled: "also prerequirement for BBR")` },
    message: () => 'is true but bandwidthManager.enabled is false, so BBR is not configured (allowed: enabled true)',
  }),
  bbrHostRouting: defineRule<{ reason: string }>({
    id: 'cilium/bbr-needs-bpf-host-routing',
    severity: 'error',
    path: 'spec.cni.bandwidthManager.bbr',
    summary: 'Pod BBR needs BPF host routing, which the agent gives up without kube-proxy replacement (InitKubeProxyReplacementOptions, before the bandwidth manager starts); the agent then exits.',
    source: {
      upstream: `${BANDWIDTH}: "BPF bandwidth manager's BBR setup requires BPF host routing." and ${KPR_INIT} / FinishKubeProxyReplacementInit (legacy host routing without kube-proxy-replacement, with IPsec, or without enable-bpf-masquerade)`,
    },
    message: ({ reason }) => `needs BPF host routing, but ${reason} makes the agent fall back to legacy host routing and it exits ("BPF bandwidth manager's BBR setup requires BPF host routing.") (allowed: kubeProxyReplacement true, bpf.masquerade true and no IPsec, or bbr false)`,
  }),
  bbrLateHostRouting: defineRule<{ reason: string }>({
    id: 'cilium/bbr-legacy-host-routing',
    severity: 'warning',
    path: 'spec.cni.bandwidthManager.bbr',
    summary: 'With IPsec or iptables masquerading the agent falls back to legacy host routing only in the daemon start (FinishKubeProxyReplacementInit), after the bandwidth manager checked BBR: it starts, but BBR does not apply to pods.',
    source: {
      upstream: `${KPR_INIT} FinishKubeProxyReplacementInit ("BPF host routing is incompatible with enable-ipsec." / "BPF host routing requires enable-bpf-masquerade. Falling back to legacy host routing") and ${BANDWIDTH} (BBR needs BPF host routing)`,
    },
    message: ({ reason }) => `is true but ${reason} makes the agent fall back to legacy host routing, so pods do not get BBR (allowed: bpf.masquerade true and no IPsec, or bbr false)`,
  }),
  bandwidthManagerIpsec: defineRule({
    id: 'cilium/bandwidth-manager-ipsec',
    severity: 'warning',
    path: 'spec.cni.bandwidthManager.enabled',
    summary: 'The bandwidth manager does not work with IPsec; the agent disables it with a warning.',
    source: { upstream: `${BANDWIDTH}: "The bandwidth manager cannot be used with IPSec. Disabling the bandwidth manager."` },
    message: () => 'is true but encryption type is ipsec; the agent disables the bandwidth manager (allowed: WireGuard encryption, or enabled false)',
  }),
  egressGatewayBpfMasquerade: defineRule({
    id: 'cilium/egress-gateway-bpf-masquerade',
    severity: 'error',
    path: 'spec.cni.bpf.masquerade',
    summary: 'The egress gateway SNATs in eBPF: the agent refuses to start it without BPF masquerading.',
    source: { upstream: `${EGRESS_GATEWAY}: "egress gateway requires --enable-ipv4-masquerade=\"true\" and --enable-bpf-masquerade=\"true\""` },
    message: () => 'must be true when egressGateway.enabled is true; the agent exits ("egress gateway requires ... --enable-bpf-masquerade=\"true\"") (allowed: true)',
  }),
  egressGatewayKpr: defineRule({
    id: 'cilium/egress-gateway-kube-proxy-replacement',
    severity: 'warning',
    path: 'spec.cni.kubeProxyReplacement',
    summary: "Cilium's egress gateway guide requires the kube-proxy replacement as well as BPF masquerading (the agent itself does not check it).",
    source: { upstream: 'https://docs.cilium.io/en/v1.19/network/egress-gateway/egress-gateway/ ("requires that both BPF masquerading and the kube-proxy replacement are enabled")' },
    message: () => 'is false but egressGateway.enabled is true; the egress gateway guide requires the kube-proxy replacement (allowed: true)',
  }),
  egressGatewayIpv4: defineRule<{ why: string }>({
    id: 'cilium/egress-gateway-ipv4',
    severity: 'error',
    path: 'spec.cni.egressGateway.enabled',
    summary: 'The egress gateway needs IPv4 masquerading (enable-ipv4-masquerade is false without IPv4); the agent refuses to start it otherwise.',
    source: { upstream: `${EGRESS_GATEWAY}: "egress gateway requires --enable-ipv4-masquerade=\"true\" and --enable-bpf-masquerade=\"true\""; pkg/option/config.go (EnableIPv4Masquerade needs EnableIPv4)` },
    message: ({ why }) => `is true but ${why}; the egress gateway needs IPv4 masquerading, and the agent exits (allowed: IPv4 in spec.ipFamilies, or enabled false)`,
  }),
  egressGatewayIpv6Underlay: defineRule({
    id: 'cilium/egress-gateway-ipv6-underlay',
    severity: 'warning',
    path: 'spec.cni.egressGateway.enabled',
    summary: "The egress gateway over an IPv6 tunnel underlay: 1.19 starts (cilium/cilium#40209 picks an IPv4 gateway IP) but upstream calls the combination unsupported, and later releases refuse it (\"egress gateway requires an IPv4 underlay\").",
    source: { upstream: 'cilium/cilium PR #40209 ("the egress gateway feature doesn\'t support a IPv6 underlay") and pkg/egressgateway/manager.go after 1.19 ("egress gateway requires an IPv4 underlay")' },
    message: () => 'is true with underlayProtocol ipv6, which upstream does not support for the egress gateway (newer agents refuse to start) (allowed: underlayProtocol ipv4)',
  }),
  extraConfigModeled: defineRule<{ key: string; field: string }>({
    id: 'cilium/extra-config-modeled-key',
    severity: 'error',
    path: 'spec.cni.extraConfig.*',
    summary: 'extraConfig adds cilium-config keys the spec does not model; a key the spec models is set through its typed field, where it is checked.',
    source: { contract: 'SPEC.md escape hatches: what the spec models is checked; extra keys are only for what it does not model' },
    message: ({ key, field }) => `${key} is modeled by ${field}; set it there so it is checked (allowed: cilium-config keys the spec does not model)`,
  }),
  extraConfigKey: defineRule<{ key: string }>({
    id: 'cilium/extra-config-key',
    severity: 'error',
    path: 'spec.cni.extraConfig.*',
    summary: 'An extraConfig key is a ConfigMap data key and not a JavaScript built-in name (constructor, __proto__, …), which no Cilium option is.',
    source: { upstream: 'kubernetes/kubernetes@v1.33.4 staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go (IsConfigMapKey: [-._a-zA-Z0-9]+, at most 253 characters)' },
    message: ({ key }) => `${JSON.stringify(key)} is not a usable cilium-config key (allowed: letters, digits, -, _ and ., at most 253 characters, not a JavaScript built-in name)`,
  }),
  extraConfigKeys: defineRule<{ keys: string; overrides: string }>({
    id: 'cilium/extra-config',
    severity: 'warning',
    path: 'spec.cni.extraConfig',
    summary: 'Lists the extra cilium-config keys: they reach the agent as given and are not checked by this library.',
    source: { opinion: "escape-hatch keys bypass every check here, and a key that replaces one of the chart's defaults changes the agent's behaviour silently; listing them keeps the review honest" },
    message: ({ keys, overrides }) => `sets cilium-config keys this library does not check: ${keys}${overrides} (they reach the agent as given)`,
  }),
};

const POLICY_VALIDATION = 'cilium/cilium@v1.19.5 pkg/policy/api/rule_validation.go';

/** Checks Cilium applies when it imports a CiliumNetworkPolicy / CiliumClusterwideNetworkPolicy, run when the construct is built. */
export const CILIUM_POLICY_RULES = {
  cidrInvalid: defineRule<{ problem: string }>({
    id: 'cilium/policy-cidr-invalid',
    severity: 'error',
    path: 'spec.{ingress,egress}[*].{fromCIDR,toCIDR,fromCIDRSet,toCIDRSet}[*]',
    summary: 'Policy CIDRs are CIDRs; the agent refuses the policy otherwise.',
    source: { upstream: `${POLICY_VALIDATION} (CIDRRule.sanitize / CIDR.sanitize: net.ParseCIDR)` },
    message: ({ problem }) => problem,
  }),
  exceptOutside: defineRule<{ except: string; cidr: string }>({
    id: 'cilium/policy-cidr-except-outside',
    severity: 'error',
    path: 'spec.{ingress,egress}[*].{fromCIDRSet,toCIDRSet}[*].except[*]',
    summary: 'An `except` range is a hole inside its CIDR.',
    source: { upstream: `${POLICY_VALIDATION} (CIDRRule.sanitize: except CIDR must be contained in the rule's CIDR)` },
    message: ({ except, cidr }) => `${except} is not inside ${cidr} (allowed: holes inside the CIDR)`,
  }),
  dnsMatch: defineRule<{ has: string }>({
    id: 'cilium/policy-dns-match',
    severity: 'error',
    path: 'spec.egress[*].{toFQDNs,toPorts[*].rules.dns}[*]',
    summary: 'A DNS selector has exactly one of matchName and matchPattern.',
    source: { upstream: 'cilium/cilium@v1.19.5 pkg/policy/api/fqdn.go (FQDNSelector.sanitize: "only one of matchName or matchPattern")' },
    message: ({ has }) => `has ${has} matchName and matchPattern (allowed: exactly one)`,
  }),
  l7Mixed: defineRule<{ detail: string }>({
    id: 'cilium/policy-l7-mixed',
    severity: 'error',
    path: 'spec.{ingress,egress}[*].toPorts[*].rules',
    summary: 'One port has one kind of L7 rules (one L7 parser per port).',
    source: { upstream: `${POLICY_VALIDATION} (PortRule.sanitize: multiple L7 protocol rule types) and pkg/policy/l4.go (conflicting L7 parsers on one port)` },
    message: ({ detail }) => `${detail}; Cilium rejects different L7 parsers on the same port (allowed: one kind per port)`,
  }),
  portsEmpty: defineRule({
    id: 'cilium/policy-ports-empty',
    severity: 'error',
    path: 'spec.{ingress,egress}[*].toPorts[*].ports',
    summary: 'A port rule lists at least one port.',
    source: { upstream: `${POLICY_VALIDATION} (PortRule.sanitize: L7 rules apply to the ports listed)` },
    message: () => 'is empty (allowed: at least one port)',
  }),
  portRange: defineRule<{ problem: string }>({
    id: 'cilium/policy-port-range',
    severity: 'error',
    path: 'spec.{ingress,egress}[*].toPorts[*].ports[*].{port,endPort}',
    summary: 'Ports are 0-65535 (or named) and endPort is not below port.',
    source: { upstream: `${POLICY_VALIDATION} (PortProtocol.sanitize: port range and endPort)` },
    message: ({ problem }) => problem,
  }),
  l7InDeny: defineRule<{ direction: string }>({
    id: 'cilium/policy-l7-in-deny',
    severity: 'error',
    path: 'spec.{ingressDeny,egressDeny}[*].toPorts[*].rules',
    summary: 'Deny rules work at L3/L4; L7 rules only in allow rules.',
    source: { upstream: `${POLICY_VALIDATION} (IngressDenyRule/EgressDenyRule carry no L7 rules)` },
    message: ({ direction }) => `L7 rules in a ${direction} rule (allowed: L7 rules only in allow rules; Cilium denies at L3/L4)`,
  }),
  dnsOnIngress: defineRule({
    id: 'cilium/policy-dns-on-ingress',
    severity: 'error',
    path: 'spec.ingress[*].toPorts[*].rules.dns',
    summary: 'DNS rules are egress rules, where the DNS proxy sees the queries.',
    source: { upstream: `${POLICY_VALIDATION} (IngressRule.sanitize: DNS rules are not allowed on ingress)` },
    message: () => 'DNS rules on ingress (allowed: DNS rules only in egress rules, where the DNS proxy sees the queries)',
  }),
  httpNotTcp: defineRule({
    id: 'cilium/policy-http-not-tcp',
    severity: 'error',
    path: 'spec.{ingress,egress}[*].toPorts[*].rules.http',
    summary: 'HTTP rules apply to TCP ports.',
    source: { upstream: `${POLICY_VALIDATION} (PortRule.sanitize: L7 rules can only apply to TCP, except DNS)` },
    message: () => 'HTTP rules on a UDP/SCTP port (allowed: TCP or ANY)',
  }),
  selector: defineRule({
    id: 'cilium/policy-selector',
    severity: 'error',
    path: 'spec',
    summary: 'A cluster-wide policy selects either endpoints or nodes.',
    source: { upstream: `${POLICY_VALIDATION} (Rule.Sanitize: exactly one of EndpointSelector and NodeSelector)` },
    message: () => 'needs exactly one of endpointSelector and nodeSelector',
  }),
};
