/**
 * Deterministic benchmark inputs: a ClusterNetwork spec (Calico with IPPools and BGPPeers, Multus with
 * NetworkAttachmentDefinitions) and a TypeScript app on top of it (Calico policies, pods attached to 3 networks each).
 */
import { App, Chart } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import type { ClusterNetworkSpec } from '../src/spec/schema';
import type { MultusSpec } from '../src/cni/multus/spec';
import { buildApp } from '../src/synth';
import { GlobalNetworkPolicy } from '../src/cni/calico/global-network-policy';
import { CalicoNetworkPolicy } from '../src/cni/calico/network-policy';
import { attachNetworks, type NetworkAttachment } from '../src/cni/multus/attach';
import type { BenchSize } from './sizes';

/** Networks (and pods) per namespace: pods attach to networks of their own namespace. */
export const PER_NAMESPACE = 100;

type MultusNetwork = NonNullable<MultusSpec['networks']>[number];

/** Dotted IPv4 of a 32-bit number. */
function ipv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

const POD_RANGE_BASE = (100 << 24) + (64 << 16); // 100.64.0.0/10
const SECONDARY_BASE = (172 << 24) + (16 << 16); // 172.16.0.0/12: one /24 per secondary network

export function namespaceOf(index: number): string {
  return `team-${Math.floor(index / PER_NAMESPACE)}`;
}

/** The /24 of secondary network `j` (host-local subnet, whereabouts range, static IPs). */
function secondarySubnet(j: number): { prefix: string; host: (h: number) => string } {
  const base = SECONDARY_BASE + j * 256;
  return { prefix: `${ipv4(base)}/24`, host: (h) => ipv4(base + h) };
}

/** Network `j`: by its position in the namespace, macvlan + host-local, ipvlan + static (per-pod ips), bridge + whereabouts. */
export function secondaryNetwork(j: number): MultusNetwork {
  const m = j % PER_NAMESPACE;
  const net = secondarySubnet(j);
  const base = { name: `net-${m}`, namespace: namespaceOf(j) };
  switch (m % 3) {
    case 0:
      return {
        ...base,
        plugin: { type: 'macvlan', master: 'eth1', mode: 'bridge', mtu: 9000 },
        ipam: { type: 'host-local', subnet: net.prefix, rangeStart: net.host(10), rangeEnd: net.host(200), gateway: net.host(1), routes: [{ dst: '192.0.2.0/24' }] },
      };
    case 1:
      return { ...base, plugin: { type: 'ipvlan', master: 'eth2', mode: 'l2' }, ipam: { type: 'static', routes: [{ dst: '198.51.100.0/24' }] } };
    default:
      return {
        ...base,
        plugin: { type: 'bridge', bridge: 'br-data', vlan: 100 + m },
        ipam: { type: 'whereabouts', range: net.prefix, exclude: [`${net.host(0)}/28`], gateway: net.host(1) },
      };
  }
}

/** The spec: Calico with `size.ipPools` pools and `size.bgpPeers` peers, Multus with `size.networks` networks. */
export function benchSpec(size: BenchSize): ClusterNetworkSpec {
  if (size.networks % PER_NAMESPACE !== 0 || size.pods > size.networks) {
    throw new Error(`size ${size.name}: networks must be a multiple of ${PER_NAMESPACE} and at least pods`);
  }
  const ipPools = Array.from({ length: size.ipPools }, (_, i) => ({
    name: `pool-${i}`,
    cidr: `${ipv4(POD_RANGE_BASE + i * 4096)}/20`,
    blockSize: 26,
    ipipMode: i % 2 ? ('CrossSubnet' as const) : ('Always' as const),
    nodeSelector: `rack == 'r${i % 50}'`,
  }));
  const peers = Array.from({ length: size.bgpPeers }, (_, i) =>
    i % 10 === 9
      ? { name: `rr-${i}`, nodeSelector: `rack == 'r${i % 50}'`, peerSelector: 'route-reflector == "true"' }
      : {
          name: `tor-${i}`,
          peerIP: i % 3 ? ipv4((192 << 24) + (168 << 16) + 256 + i) : `${ipv4((192 << 24) + (168 << 16) + 256 + i)}:1179`,
          asNumber: 65000 + (i % 500),
          nodeSelector: `rack == 'r${i % 50}'`,
          ...(i % 4 === 0 ? { password: { secretName: 'bgp-passwords', key: `tor-${i}` } } : {}),
        },
  );
  return {
    apiVersion: 'cdk8s-cni.dev/v1alpha1',
    kind: 'ClusterNetwork',
    metadata: { name: 'bench', labels: { 'app.kubernetes.io/part-of': 'bench' } },
    spec: {
      pods: { cidrs: ['100.64.0.0/10'], maxPerNode: 110 },
      nodes: { cidrs: ['192.168.0.0/16'], count: 100, maxCount: 200, mtu: 9000 },
      cni: {
        type: 'calico',
        // base size: the default pool over spec.pods.cidrs[0]
        ...(ipPools.length ? { ipPools } : {}),
        bgp: { enabled: true, asNumber: 64512, nodeToNodeMeshEnabled: peers.length === 0, peers },
      },
      multus: { mode: 'thick', networks: Array.from({ length: size.networks }, (_, j) => secondaryNetwork(j)) },
    },
  };
}

/** Policy `i`: even ones cluster-wide (GlobalNetworkPolicy), odd ones namespaced (NetworkPolicy). */
export function addPolicies(scope: Chart, size: BenchSize): void {
  for (let i = 0; i < size.policies; i++) {
    const app = `svc-${i}`;
    const ingress = [
      { action: 'Allow' as const, protocol: 'TCP', source: { selector: `app == 'client-${i % 97}'` }, destination: { ports: [8080, '9000:9100'] } },
      { action: 'Allow' as const, protocol: 'TCP', source: { nets: [`10.${i % 250}.0.0/16`] }, destination: { ports: [443] } },
      { action: 'Deny' as const },
    ];
    const egress = [{ action: 'Allow' as const, protocol: 'UDP', destination: { selector: "k8s-app == 'kube-dns'", namespaceSelector: "kubernetes.io/metadata.name == 'kube-system'", ports: [53] } }];
    if (i % 2 === 0) {
      new GlobalNetworkPolicy(scope, `gnp-${i}`, { name: `allow-${app}`, spec: { selector: `app == '${app}'`, order: 100 + i, types: ['Ingress', 'Egress'], ingress, egress } });
    } else {
      new CalicoNetworkPolicy(scope, `np-${i}`, { name: `allow-${app}`, namespace: namespaceOf(i), spec: { selector: `app == '${app}'`, order: 100 + i, ingress, egress } });
    }
  }
}

/** Pod `i` attaches to 3 networks of its namespace (host-local, static, whereabouts); even pods pin a static IP. */
export function podAttachments(i: number): NetworkAttachment[] {
  const q = i % PER_NAMESPACE;
  const first = 3 * (q % 33);
  const staticNet = Math.floor(i / PER_NAMESPACE) * PER_NAMESPACE + first + 1;
  return [
    { network: `net-${first}`, interface: 'storage0' },
    { network: `net-${first + 1}`, interface: 'mgmt0', ...(i % 2 === 0 ? { ips: [`${secondarySubnet(staticNet).host(10 + q)}/24`] } : {}) },
    { network: `net-${first + 2}`, interface: 'data0' },
  ];
}

export function addPods(scope: Chart, size: BenchSize): void {
  for (let i = 0; i < size.pods; i++) {
    const pod = new kplus.Pod(scope, `pod-${i}`, {
      metadata: { name: `cnf-${i}`, namespace: namespaceOf(i), labels: { app: `svc-${i}` } },
      containers: [{ name: 'app', image: 'registry.example.com/cnf:1.0', portNumber: 8080, securityContext: { user: 1000, group: 1000 } }],
    });
    attachNetworks(pod, podAttachments(i));
  }
}

/** The whole app: the ClusterNetworkChart of {@link benchSpec} plus a `workloads` chart with policies and pods. */
export function benchApp(size: BenchSize, spec: ClusterNetworkSpec = benchSpec(size)): App {
  const { app } = buildApp(spec);
  const workloads = new Chart(app, 'workloads');
  addPolicies(workloads, size);
  addPods(workloads, size);
  return app;
}

