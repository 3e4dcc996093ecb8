/**
 * Proves a secondary-network config on the real CNI plugins: two pods attach to it (ADD, with `prevResult` chaining
 * and capabilities), the interface, addresses, routes (IPv4 and IPv6), MAC and MTU are checked inside each pod, CHECK
 * passes, the pods ping each other over the attachment (every address family), and DEL removes the interface again.
 *
 * Topology per plugin: macvlan / ipvlan / vlan / host-device put each pod on its own node, and the nodes' interface
 * named in the config (`master` / `device`) is one end of a veth "wire" between the nodes, so the config runs
 * unchanged. bridge and ptp are node-local: both pods sit on one node. The one change made to a config is host-local's
 * `dataDir`, pointed into the lab's scratch directory so allocations never touch the machine's /var/lib/cni.
 */
import { Cidr, IpAddress } from '../plan/cidr';
import { addNetwork, checkNetwork, CniPluginError, delNetwork, pluginsOf, supportsCheck, type CniConfigObject, type CniInvocation } from './cni-exec';
import { NetnsLab } from './lab';
import { DEFAULT_CNI_BIN_DIR, hasPlugin, kernelSupportsLink } from './prerequisites';

/** Capability arguments for one pod (what Multus passes from the pod's network selection element). */
export interface PodAttachmentArgs {
  readonly ips?: string[];
  readonly mac?: string;
}

export interface VerifyOptions {
  /** Interface name in the pods. @default 'net1' */
  readonly ifname?: string;
  /** Capability arguments for the two pods. @default - derived: static IPAM gets .100/.101 of its subnet, tuning with capabilities.mac gets 02:00:00:00:00:01/02 */
  readonly pods?: readonly [PodAttachmentArgs, PodAttachmentArgs];
  /** Plugin binaries. @default '/usr/lib/cni' */
  readonly binDir?: string;
}

export interface VerifyResult {
  /** `passed`, or `skipped` with the reason (missing kernel support, hardware or server). Failures throw. */
  readonly status: 'passed' | 'skipped';
  readonly reason?: string;
  /** What was done, in order, for the report. */
  readonly steps: string[];
  /** Addresses the two pods got on the attachment. */
  readonly addresses: string[];
  readonly elapsedMs: number;
  /** A plugin-build limitation met on the way (e.g. CHECK unsupported), recorded in `steps`. */
  readonly limitation?: string;
}

const NODE_SPANNING = new Set(['macvlan', 'ipvlan', 'vlan', 'host-device']);

/** Why this config cannot run here, or undefined when it can. */
export function skipReason(config: CniConfigObject, binDir = DEFAULT_CNI_BIN_DIR): string | undefined {
  const [main] = pluginsOf(config);
  const ipamType = main.ipam?.type;
  if (main.type === 'sriov') return 'sriov needs SR-IOV hardware (virtual functions from the SR-IOV device plugin) and the sriov-cni binary';
  if (ipamType === 'dhcp') return 'dhcp IPAM needs a DHCP server on the attached network and the CNI dhcp daemon';
  if (ipamType === 'whereabouts') return 'whereabouts IPAM needs the whereabouts binary and a Kubernetes API server (IPPool CRDs)';
  if (main.type === 'host-device' && !main.device) return 'host-device selected by hwaddr/kernelpath/pciBusID needs that hardware; the lab has named veth devices only';
  for (const p of pluginsOf(config)) if (!hasPlugin(p.type, binDir)) return `plugin ${p.type} is not installed in ${binDir}`;
  if (ipamType && !hasPlugin(ipamType, binDir)) return `IPAM plugin ${ipamType} is not installed in ${binDir}`;
  if ((main.type === 'ipvlan' || main.type === 'vlan') && !kernelSupportsLink(main.type)) {
    return `the kernel of this machine has no ${main.type} support (ip link add … type ${main.type}: not supported)`;
  }
  return undefined;
}

/** Default capability args: distinct static addresses and MACs for the two pods when the config takes them. */
export function defaultPodArgs(config: CniConfigObject): [PodAttachmentArgs, PodAttachmentArgs] {
  const plugins = pluginsOf(config);
  const declares = (name: string) => plugins.some((p) => p.capabilities?.[name] === true);
  const main = plugins[0];
  let subnet: Cidr | undefined;
  if (declares('ips') && main.ipam?.type === 'static') {
    const first = main.ipam.addresses?.[0]?.address;
    if (!first) throw new Error("static IPAM without addresses: pass the pods' ips in options.pods");
    subnet = Cidr.of(Cidr.of(first).toString());
  }
  const podArgs = (i: number): PodAttachmentArgs => ({
    ...(subnet ? { ips: [`${subnet.nth(100n + BigInt(i))}/${subnet.prefix}`] } : {}),
    ...(declares('mac') ? { mac: `02:00:00:00:00:0${i + 1}` } : {}),
  });
  return [podArgs(0), podArgs(1)];
}

/**
 * A pod's capability args from its `k8s.v1.cni.cncf.io/networks` selection element, as Multus passes them: `ips` and
 * `mac` (only for plugins declaring the capability, which the runner enforces like libcni).
 */
export function podArgsFromSelection(element: { ips?: string[]; mac?: string }): PodAttachmentArgs {
  return { ...(element.ips ? { ips: element.ips } : {}), ...(element.mac ? { mac: element.mac } : {}) };
}

function labConfig(config: CniConfigObject, lab: NetnsLab): CniConfigObject {
  const fix = (p: CniConfigObject) => (p.ipam?.type === 'host-local' ? { ...p, ipam: { ...p.ipam, dataDir: `${lab.dir}/ipam` } } : p);
  return Array.isArray(config.plugins) ? { ...config, plugins: config.plugins.map(fix) } : fix(config);
}

function mtuOf(config: CniConfigObject): number | undefined {
  const plugins = pluginsOf(config);
  return [...plugins].reverse().find((p) => typeof p.mtu === 'number')?.mtu;
}

/** Runs the whole scenario; throws (after cleaning up) on the first failure, with what failed. */
export function verifyAttachment(source: CniConfigObject, opts: VerifyOptions = {}): VerifyResult {
  const started = Date.now();
  const binDir = opts.binDir ?? DEFAULT_CNI_BIN_DIR;
  const steps: string[] = [];
  const reason = skipReason(source, binDir);
  if (reason) return { status: 'skipped', reason, steps, addresses: [], elapsedMs: Date.now() - started };

  const ifname = opts.ifname ?? 'net1';
  const podArgs = opts.pods ?? defaultPodArgs(source);
  const lab = new NetnsLab();
  const config = labConfig(source, lab);
  const main = pluginsOf(config)[0];
  const added: Array<{ inv: CniInvocation; result: any }> = [];
  let knownCheckLimitation = false;
  try {
    const spanning = NODE_SPANNING.has(main.type);
    const n1 = lab.netns('n1');
    const n2 = spanning ? lab.netns('n2') : n1;
    if (spanning) {
      const uplink = main.type === 'host-device' ? main.device : main.master;
      lab.wire(n1, uplink, n2, uplink, Math.max(1500, mtuOf(config) ?? 0));
      steps.push(`nodes ${n1}, ${n2} joined by a veth wire named ${uplink} on both`);
    } else steps.push(`node ${n1} (both pods on it: ${main.type} is node-local)`);
    // A static address without per-pod ips is the same for every pod: one pod only (two would clash).
    const fixedAddress = main.ipam?.type === 'static' && !pluginsOf(config).some((p) => p.capabilities?.ips === true);
    const pods = fixedAddress ? [lab.netns('p1')] : [lab.netns('p1'), lab.netns('p2')];
    if (fixedAddress) steps.push('one pod only: the static address is the same for every pod');

    pods.forEach((pod, i) => {
      const inv: CniInvocation = {
        binDir,
        nodeNetns: i === 0 ? n1 : n2,
        podNetnsPath: NetnsLab.path(pod),
        containerId: pod,
        ifname,
        capabilityArgs: podArgs[i] as Record<string, unknown>,
      };
      const result = addNetwork(config, inv);
      added.push({ inv, result });
      steps.push(`ADD ${pod} → ${(result?.ips ?? []).map((x: any) => x.address).join(', ') || 'no address'}`);
      checkPod(lab, pod, ifname, result, podArgs[i], mtuOf(config));
      steps.push(`${pod}: ${ifname} up with its addresses, routes${podArgs[i].mac ? ', MAC' : ''}${mtuOf(config) ? ', MTU' : ''}`);
    });
    if (!supportsCheck(config)) {
      steps.push(`CHECK skipped: cniVersion ${config.cniVersion} predates CHECK (0.4.0), and libcni refuses it`);
      knownCheckLimitation = true;
    }
    for (const a of supportsCheck(config) ? added : []) {
      try {
        checkNetwork(config, a.inv, a.result);
      } catch (e) {
        // bridge in containernetworking-plugins 1.1.1 runs IPAM CHECK even for an L2-only config (`ipam: {}`).
        if (!(main.ipam?.type === undefined && e instanceof CniPluginError && e.msg === 'no plugin name provided')) throw e;
        steps.push(`CHECK of an L2-only ${main.type} is not supported by this plugin build: ${e.message}`);
        knownCheckLimitation = true;
      }
    }
    if (!knownCheckLimitation) steps.push(`CHECK passes for ${pods.length === 2 ? 'both pods' : 'the pod'}`);

    const addresses = added.map((a) => String(a.result?.ips?.[0]?.address ?? ''));
    // Ping every address of the second pod (both families on a dual-stack attachment) from the first pod.
    const targets: string[] = (added[1]?.result?.ips ?? []).map((ip: any) => String(ip.address).split('/')[0]);
    if (targets.some((t) => IpAddress.of(t).family === 'IPv6')) lab.settleIpv6([...new Set([n1, n2, ...pods])]);
    for (const target of targets) {
      const ping = lab.exec(pods[0], 'ping', ['-c', '1', '-W', '2', '-I', ifname, target]);
      if (ping.status !== 0) throw new Error(`ping ${pods[0]} → ${target} over ${ifname} failed: ${(ping.stdout + ping.stderr).trim()}`);
      const source = (added[0].result?.ips ?? []).find((ip: any) => IpAddress.of(String(ip.address).split('/')[0]).family === IpAddress.of(target).family);
      steps.push(`ping ${source?.address ?? addresses[0]} → ${target} over ${ifname}`);
    }

    for (const a of [...added].reverse()) delNetwork(config, a.inv, a.result);
    added.length = 0;
    for (const pod of pods) {
      if (lab.ipJson(pod, ['link', 'show']).some((l) => l.ifname === ifname)) throw new Error(`${pod}: ${ifname} still exists after DEL`);
    }
    steps.push(`DEL removes ${ifname} from ${pods.length === 2 ? 'both pods' : 'the pod'}`);
    const limitation = knownCheckLimitation ? steps.find((s) => s.startsWith('CHECK of an L2-only') || s.startsWith('CHECK skipped')) : undefined;
    return { status: 'passed', steps, addresses, elapsedMs: Date.now() - started, ...(limitation ? { limitation } : {}) };
  } finally {
    for (const a of added.reverse()) {
      try {
        delNetwork(config, a.inv, a.result);
      } catch {
        // best effort after a failure; the namespaces are deleted next anyway
      }
    }
    lab.destroy();
  }
}

function checkPod(lab: NetnsLab, pod: string, ifname: string, result: any, args: PodAttachmentArgs, mtu: number | undefined): void {
  const [link] = lab.ipJson(pod, ['addr', 'show', 'dev', ifname]);
  if (!link) throw new Error(`${pod}: no interface ${ifname} after ADD`);
  if (!String(link.operstate).match(/UP|UNKNOWN/) && !(link.flags ?? []).includes('UP')) throw new Error(`${pod}: ${ifname} is not up`);
  const have = new Set((link.addr_info ?? []).map((a: any) => `${a.local}/${a.prefixlen}`));
  for (const ip of result?.ips ?? []) if (!have.has(ip.address)) throw new Error(`${pod}: ${ifname} lacks ${ip.address} (has ${[...have].join(', ')})`);
  for (const ip of args.ips ?? []) if (!have.has(ip)) throw new Error(`${pod}: ${ifname} lacks the requested ${ip}`);
  if (args.mac && String(link.address).toLowerCase() !== args.mac.toLowerCase()) throw new Error(`${pod}: ${ifname} has MAC ${link.address}, requested ${args.mac}`);
  if (mtu && link.mtu !== mtu) throw new Error(`${pod}: ${ifname} has MTU ${link.mtu}, config says ${mtu}`);
  const routes = { IPv4: lab.ipJson(pod, ['-4', 'route', 'show']), IPv6: lab.ipJson(pod, ['-6', 'route', 'show']) };
  for (const r of result?.routes ?? []) {
    const cidr = Cidr.of(r.dst);
    const have = routes[cidr.family];
    const dst = routeDst(cidr);
    if (!have.some((x) => x.dst === dst)) throw new Error(`${pod}: route ${r.dst} from the result is missing (have ${cidr.family} ${have.map((x) => x.dst).join(', ')})`);
  }
}

/** How `ip -j route show` names a destination: `default` for 0.0.0.0/0 and ::/0, a bare address for a host route. */
function routeDst(cidr: Cidr): string {
  if (cidr.prefix === 0) return 'default';
  return cidr.prefix === cidr.bits ? cidr.nth(0n).toString() : cidr.toString();
}
