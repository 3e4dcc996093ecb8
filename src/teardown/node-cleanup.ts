/**
 * What a CNI leaves on every node after its objects are deleted from the API: its CNI config file (the kubelet keeps
 * using the lexically first file in /etc/cni/net.d, so a stale one wins over the new CNI's), its binaries, its
 * interfaces, its state and its iptables chains. Facts from the pinned upstream manifests and docs
 * (../shared/reference/<cni>: the install containers' target file names, hostPath volumes, the interfaces the agents
 * create). Plain data, keyed by `spec.cni.type`.
 */

export interface NodeCleanup {
  /** Files under /etc/cni/net.d written by the CNI's installer. */
  readonly cniConfigFiles: readonly string[];
  /** Plugin binaries under /opt/cni/bin. */
  readonly cniBinaries: readonly string[];
  /** Network interfaces created on the host (globs allowed: `cali*`). */
  readonly interfaces: readonly string[];
  /** Host directories holding CNI state (IPAM, leases, databases). */
  readonly stateDirs: readonly string[];
  /** iptables chain-name prefixes the agents install. */
  readonly iptablesChainPrefixes: readonly string[];
  /** Shell lines that clear the CNI's service proxy state, run when it served Services in place of kube-proxy. @default - none */
  readonly serviceProxy?: readonly string[];
}

const FLANNEL_LINKS = ['flannel.1', 'flannel-v6.1', 'flannel-wg', 'flannel-wg-v6', 'cni0'];

/** Node state per CNI type. A type without an entry has nothing known to clean beyond its API objects. */
export const NODE_CLEANUP: Readonly<Record<string, NodeCleanup>> = {
  flannel: {
    cniConfigFiles: ['10-flannel.conflist'],
    cniBinaries: ['flannel'],
    interfaces: FLANNEL_LINKS,
    stateDirs: ['/run/flannel', '/var/lib/cni/networks/cbr0'],
    iptablesChainPrefixes: ['FLANNEL'],
  },
  calico: {
    cniConfigFiles: ['10-calico.conflist', 'calico-kubeconfig'],
    cniBinaries: ['calico', 'calico-ipam'],
    interfaces: ['tunl0', 'vxlan.calico', 'vxlan-v6.calico', 'wireguard.cali', 'wg-v6.cali', 'cali*'],
    stateDirs: ['/var/lib/calico', '/var/run/calico', '/var/log/calico', '/var/run/nodeagent'],
    iptablesChainPrefixes: ['cali-'],
  },
  canal: {
    cniConfigFiles: ['10-canal.conflist', 'calico-kubeconfig'],
    cniBinaries: ['calico', 'calico-ipam', 'flannel'],
    interfaces: ['flannel.1', 'cali*'],
    stateDirs: ['/var/lib/calico', '/var/run/calico', '/var/log/calico', '/run/flannel'],
    iptablesChainPrefixes: ['cali-', 'FLANNEL'],
  },
  weave: {
    cniConfigFiles: ['10-weave.conflist'],
    cniBinaries: ['weave-net', 'weave-ipam', 'weave-plugin-*'],
    interfaces: ['weave', 'datapath', 'vxlan-6784', 'vethwe-*'],
    stateDirs: ['/var/lib/weave'],
    iptablesChainPrefixes: ['WEAVE'],
  },
  cilium: {
    cniConfigFiles: ['05-cilium.conflist'],
    cniBinaries: ['cilium-cni'],
    interfaces: ['cilium_host', 'cilium_net', 'cilium_vxlan', 'cilium_geneve', 'cilium_wg0', 'lxc*'],
    stateDirs: ['/var/run/cilium', '/sys/fs/bpf/tc/globals'],
    iptablesChainPrefixes: ['CILIUM_'],
  },
  // antrea.yml v2.7.0: install_cni writes 10-antrea.conflist and /opt/cni/bin/antrea (loopback, portmap and bandwidth
  // are shared standard plugins, kept); the agent creates antrea-gw0 and antrea-tun0 (docs/design/architecture.md) and
  // keeps OVS and host-local state under the /var/run/antrea hostPath; its iptables chains are ANTREA-* (FORWARD,
  // PREROUTING, POSTROUTING, OUTPUT, MANGLE, NODEPORT…: pkg/agent/route/route_linux.go).
  antrea: {
    cniConfigFiles: ['10-antrea.conflist'],
    cniBinaries: ['antrea'],
    interfaces: ['antrea-gw0', 'antrea-tun0'],
    stateDirs: ['/var/run/antrea'],
    iptablesChainPrefixes: ['ANTREA-'],
  },
  // kube-router v2.11.1 (../shared/reference/kube-router/SOURCES.md): the init container writes
  // /etc/cni/net.d/10-kuberouter.conflist (10-kuberouter.conf is the legacy default path); the CNI binaries it installs
  // (bridge, portmap, host-local, loopback) are standard plugins other CNIs use too, so they are kept. The agent creates
  // the kube-bridge bridge, kube-dummy-if (service VIPs) and tun-* IPIP/FoU tunnels, keeps its kubeconfig under
  // /var/lib/kube-router, host-local leases under the conflist's network name `mynet`, and the KUBE-ROUTER-* (proxy),
  // KUBE-POD-FW-* and KUBE-NWPLCY-* (network policy) iptables chains (docs/troubleshoot.md).
  'kube-router': {
    cniConfigFiles: ['10-kuberouter.conflist', '10-kuberouter.conf'],
    cniBinaries: [],
    interfaces: ['kube-bridge', 'kube-dummy-if', 'tun-*'],
    stateDirs: ['/var/lib/kube-router', '/var/lib/cni/networks/mynet'],
    iptablesChainPrefixes: ['KUBE-ROUTER-', 'KUBE-POD-FW-', 'KUBE-NWPLCY-'],
    // --run-service-proxy programs IPVS virtual servers (docs/how-it-works.md); kube-proxy is not running meanwhile.
    serviceProxy: ['if command -v ipvsadm >/dev/null 2>&1; then ipvsadm -C; fi'],
  },
};

/**
 * Multus v4.3.0 on a node (../shared/reference/multus: docs-quickstart.md, multus-daemonset*.yml): the generated
 * `00-multus.conf` (a `.conflist` when the delegate is one) that sorts first in /etc/cni/net.d and so stops pods from
 * starting once Multus is gone, its kubeconfig/daemon config in /etc/cni/net.d/multus.d, the thin `multus` binary or
 * the thick `multus-shim`, the thick daemon's socket dir (/run/multus), cache (/var/lib/cni/multus) and conf dir
 * (/etc/cni/multus/net.d). /run/k8s.cni.cncf.io (device info, shared with device plugins) is kept.
 */
export const MULTUS_NODE_CLEANUP: NodeCleanup = {
  cniConfigFiles: ['00-multus.conf', '00-multus.conflist'],
  cniBinaries: ['multus', 'multus-shim'],
  interfaces: [],
  stateDirs: ['/etc/cni/net.d/multus.d', '/etc/cni/multus/net.d', '/var/lib/cni/multus', '/run/multus'],
  iptablesChainPrefixes: [],
};

/**
 * whereabouts on a node (installed with Multus, see docs/whereabouts.md): install-cni.sh copies the `whereabouts`
 * binary into /opt/cni/bin and writes /etc/cni/net.d/whereabouts.d (its config and kubeconfig). Its IP reservations live
 * in the API (its CRDs), not on the node.
 */
export const WHEREABOUTS_NODE_CLEANUP: NodeCleanup = {
  cniConfigFiles: [],
  cniBinaries: ['whereabouts'],
  interfaces: [],
  stateDirs: ['/etc/cni/net.d/whereabouts.d'],
  iptablesChainPrefixes: [],
};
