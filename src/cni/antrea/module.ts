/** Antrea as a `spec.cni` type: spec → props, Antrea's checks, MTU, node traffic, plan rows. */
import { Cidr } from '../../plan/cidr';
import { usablePodAddresses } from '../../plan/ip-plan';
import type { BuildContext, CniModule, NetworkWith, NodeTrafficRule } from '../common/cni-module';
import { VERSIONS } from '../common/versions';
import { Antrea } from './antrea';
import { nodeIpamMask, nodeIpamRanges, validateAntrea } from './checks';
import { ANTREA_PORTS } from './config';
import { antreaMtuDeduction, supportsEncap } from './mtu';
import type { AntreaProps } from './props';
import type { ResolvedAntreaCni } from './spec';

type AntreaNetwork = NetworkWith<ResolvedAntreaCni>;

/** Pod MTU deduction for a network (the Node has an IPv6 address when the cluster uses IPv6). */
export function antreaOverhead(n: AntreaNetwork): number {
  const cni = n.spec.cni;
  return antreaMtuDeduction({ trafficEncapMode: cni.trafficEncapMode, tunnelType: cni.tunnelType, trafficEncryptionMode: cni.trafficEncryptionMode, ipv6: n.spec.ipFamilies.includes('IPv6') });
}

/** Whether inter-node pod traffic uses the tunnel port (`NeedsTunnelInterface`: encap/hybrid without WireGuard). */
function usesTunnel(cni: ResolvedAntreaCni): boolean {
  return supportsEncap(cni.trafficEncapMode) && cni.trafficEncryptionMode !== 'wireGuard';
}

/** Spec → construct props. */
export function antreaProps(n: AntreaNetwork, ctx?: BuildContext): AntreaProps {
  const cni = n.spec.cni;
  const canonical = (t: string) => Cidr.of(t).toString();
  const service = (family: 'IPv4' | 'IPv6') => n.spec.services.cidrs.map((c) => Cidr.of(c)).find((c) => c.family === family)?.toString();
  return {
    version: cni.version,
    imageRegistry: cni.imageRegistry,
    trafficEncapMode: cni.trafficEncapMode,
    tunnelType: cni.tunnelType,
    tunnelPort: cni.tunnelPort,
    trafficEncryptionMode: cni.trafficEncryptionMode,
    ipsecPskSecret: cni.trafficEncryptionMode === 'ipsec' ? cni.ipsec?.pskSecret : undefined,
    wireGuardPort: cni.wireGuardPort,
    noSNAT: cni.noSNAT,
    antreaProxy: cni.antreaProxy,
    kubeAPIServerOverride: cni.kubeAPIServerOverride,
    nodeIPAM: cni.nodeIPAM.enable
      ? {
          clusterCIDRs: nodeIpamRanges(n).map((r) => canonical(r.text)),
          nodeCIDRMaskSizeIPv4: n.spec.pods.nodeMaskSize,
          nodeCIDRMaskSizeIPv6: n.spec.pods.nodeMaskSizeIPv6,
          serviceCIDR: service('IPv4'),
          serviceCIDRv6: service('IPv6'),
        }
      : undefined,
    featureGates: cni.featureGates,
    agentConfig: cni.agentConfig,
    controllerConfig: cni.controllerConfig,
    crdScope: ctx?.crdScope(),
    argoSyncWaves: ctx?.argoSyncWaves,
  };
}

function tunnelRule(cni: ResolvedAntreaCni): NodeTrafficRule {
  const port = cni.tunnelPort;
  switch (cni.tunnelType) {
    case 'geneve':
      return { protocol: 'udp', fromPort: port ?? ANTREA_PORTS.geneve, description: 'Antrea Geneve overlay' };
    case 'vxlan':
      return { protocol: 'udp', fromPort: port ?? ANTREA_PORTS.vxlan, description: 'Antrea VXLAN overlay' };
    case 'stt':
      return { protocol: 'tcp', fromPort: port ?? ANTREA_PORTS.stt, description: 'Antrea STT overlay' };
    case 'gre':
      return { protocol: '47', description: 'Antrea GRE overlay' };
  }
}

export const antreaModule: CniModule<ResolvedAntreaCni> = {
  type: 'antrea',
  displayName: (n: AntreaNetwork) => {
    const cni = n.spec.cni;
    const data = supportsEncap(cni.trafficEncapMode) ? `${cni.trafficEncapMode}, ${cni.trafficEncryptionMode === 'wireGuard' ? 'WireGuard' : cni.tunnelType}` : cni.trafficEncapMode;
    return `Antrea ${cni.version ?? VERSIONS.antrea.version} (${data}${cni.trafficEncryptionMode === 'ipsec' ? ', IPsec' : ''})`;
  },
  podAddressing: (n: AntreaNetwork) => (n.spec.cni.nodeIPAM.enable ? 'cni-ipam' : 'node-cidr'),
  podMtu: (n: AntreaNetwork) => n.spec.nodes.mtu - antreaOverhead(n),
  validate: validateAntrea,
  build(scope, n: AntreaNetwork, ctx) {
    new Antrea(scope, 'antrea', antreaProps(n, ctx));
  },
  nodeTraffic(n: AntreaNetwork): NodeTrafficRule[] {
    const cni = n.spec.cni;
    return [
      { protocol: 'tcp', fromPort: ANTREA_PORTS.controllerApi, description: 'antrea-controller API (agents, API server via Service antrea)' },
      { protocol: 'tcp', fromPort: ANTREA_PORTS.agentApi, description: 'antrea-agent API (probes, antctl, API server)' },
      { protocol: 'tcp', fromPort: ANTREA_PORTS.cluster, description: 'antrea-agent memberlist (clusterPort)' },
      { protocol: 'udp', fromPort: ANTREA_PORTS.cluster, description: 'antrea-agent memberlist (clusterPort)' },
      ...(usesTunnel(cni) ? [tunnelRule(cni)] : []),
      ...(cni.trafficEncryptionMode === 'ipsec'
        ? [
            { protocol: '50', description: 'Antrea IPsec (ESP)' },
            { protocol: 'udp', fromPort: ANTREA_PORTS.ikeUdp, description: 'Antrea IPsec (IKE)' },
            { protocol: 'udp', fromPort: ANTREA_PORTS.ikeNatT, description: 'Antrea IPsec (IKE NAT traversal)' },
          ]
        : []),
      ...(cni.trafficEncryptionMode === 'wireGuard' ? [{ protocol: 'udp', fromPort: cni.wireGuardPort, description: 'Antrea WireGuard encryption' }] : []),
      ...(cni.antreaProxy.proxyAll ? [{ protocol: 'tcp', fromPort: ANTREA_PORTS.proxyHealthCheck, description: 'AntreaProxy health-check server (load balancers)' }] : []),
    ];
  },
  replacesKubeProxy: (n: AntreaNetwork) => n.spec.cni.antreaProxy.enable && n.spec.cni.antreaProxy.proxyAll,
  routesNatively: (n: AntreaNetwork) => n.spec.cni.trafficEncapMode === 'noEncap' || n.spec.cni.trafficEncapMode === 'hybrid',
  planRows(n: AntreaNetwork) {
    const cni = n.spec.cni;
    const rows = [
      { label: 'Antrea traffic', value: `${cni.trafficEncapMode}${usesTunnel(cni) ? ` (${cni.tunnelType}${cni.tunnelPort ? ` port ${cni.tunnelPort}` : ''})` : ''}, encryption ${cni.trafficEncryptionMode}` },
      { label: 'AntreaProxy', value: !cni.antreaProxy.enable ? 'off' : cni.antreaProxy.proxyAll ? `proxyAll, replaces kube-proxy (API server ${cni.kubeAPIServerOverride})` : 'ClusterIP only (kube-proxy stays)' },
    ];
    if (cni.nodeIPAM.enable) {
      for (const r of nodeIpamRanges(n)) {
        const c = Cidr.of(r.text);
        const { mask } = nodeIpamMask(n, c.family);
        rows.push({ label: `Antrea NodeIPAM (${c.family})`, value: `${c} in /${mask} blocks (${c.countBlocks(mask)} nodes, ${usablePodAddresses(c.family, mask)} pod addresses each)` });
      }
    }
    return rows;
  },
};
