/**
 * What a CNI leaves on every node after its objects are deleted from the API: its CNI config file (the kubelet keeps
 * using the lexically first file in /etc/cni/net.d, so a stale one wins over the new CNI's), its binaries, its
 * interfaces, its state and its iptables chains. Facts from the pinned upstream manifests and docs
 * (../shared/reference/<cni>: the install containers' target file names, hostPath volumes, the interfaces the agents
 * create). Plain data, keyed by `spec.cni.type`.
 */
import type { HostMount } from './shell';

/** What a CNI leaves on a node, and how the cleanup script removes it. */
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
  /**
   * Upstream's own node cleanup command, run with `ctr` from the image of the agent container `container` (the image the
   * spec synthesized, so version and registry overrides apply), before the generic steps. @default - none
   */
  /** What this script cannot clear and how to (comments in the script). @default - none */
  readonly notes?: readonly string[];
  /** Route protocols (`ip route ... proto X`) whose routes the CNI's routing daemon installs. @default - none */
  readonly routeProtocols?: readonly string[];
  readonly uninstall?: { readonly container: string; readonly command: string; readonly mounts: readonly HostMount[]; readonly fallback: string };
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
    // BIRD installs the routes to other nodes' blocks and a blackhole route for each block this node owns, all with
    // `proto bird`; they outlive calico-node and would swallow the new CNI's traffic to those ranges.
    routeProtocols: ['bird'],
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
    notes: [
      "Weave's own reset is `weave reset` (the weave script of the weaveworks/weave release; in the weave-kube image:",
      '`/home/weave/weave --local reset`): it removes the same bridge, datapath and database this script removes. The fastdp',
      'datapath is an Open vSwitch kernel datapath: if `ip link delete datapath` fails, reboot the node.',
    ],
  },
  // Cilium's own cleanup (cilium-dbg post-uninstall-cleanup, what its clean-cilium-state init container runs) removes
  // its BPF programs and pins, routes, iptables rules and state; it needs the agent's host mounts (bpffs, the cgroup2
  // mount at /run/cilium/cgroupv2, /var/run/cilium). /var/run/cilium is never rm'd here: the cgroup2 mount lives under
  // it (/var/run is /run). Its config, binary, links and chains are still removed below, in case the command could not run.
  cilium: {
    cniConfigFiles: ['05-cilium.conflist'],
    cniBinaries: ['cilium-cni'],
    interfaces: ['cilium_host', 'cilium_net', 'cilium_vxlan', 'cilium_geneve', 'cilium_wg0', 'lxc*'],
    stateDirs: [],
    iptablesChainPrefixes: ['CILIUM_'],
    uninstall: {
      container: 'cilium-agent',
      command: 'cilium-dbg post-uninstall-cleanup -f --all-state',
      mounts: [{ path: '/sys/fs/bpf' }, { path: '/run/cilium/cgroupv2' }, { path: '/var/run/cilium' }, { path: '/run/xtables.lock' }, { path: '/lib/modules', readOnly: true }],
      fallback: 'without containerd\'s ctr, run "cilium-dbg post-uninstall-cleanup -f --all-state" from the Cilium agent image with the node\'s container runtime (privileged, host network, the mounts above), or reboot the node to drop its BPF state',
    },
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
    notes: [
      "Antrea's OVS bridge br-int and its tunnel ports live in the Open vSwitch kernel datapath (ovs-system, genev_sys_*,",
      'vxlan_sys_*), which outlives the antrea-ovs container; removing /var/run/antrea drops the OVS database only. Clear',
      'the datapath with `ovs-dpctl del-dp ovs-system` from the antrea-ovs image (ctr run --privileged --net-host), or',
      'reboot the node.',
    ],
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
    // ipvsadm -C stays as the fallback when upstream's cleanup below could not run.
    serviceProxy: ['if command -v ipvsadm >/dev/null 2>&1; then ipvsadm -C; fi'],
    // docs/user-guide.md "cleanup configuration": `kube-router --cleanup-config` (iptables rules, IPVS, ipsets) from its
    // image with ctr, /lib/modules read-only and /run/xtables.lock bound.
    uninstall: {
      container: 'kube-router',
      command: '/usr/local/bin/kube-router --cleanup-config',
      mounts: [{ path: '/lib/modules', readOnly: true }, { path: '/run/xtables.lock' }],
      fallback: 'without containerd\'s ctr, run "kube-router --cleanup-config" from the kube-router image with the node\'s container runtime (privileged, host network, the mounts above; kube-router docs/user-guide.md), or reboot the node',
    },
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
