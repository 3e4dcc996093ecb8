/**
 * The `antrea-config` ConfigMap: antrea-agent.conf, antrea-controller.conf and antrea-cni.conflist as the v2.7.0 chart
 * renders them (build/charts/antrea/conf). Every key the chart writes uncommented is written, with the chart's value
 * unless a prop changes it; upstream's comments are not reproduced.
 */
import { createHash } from 'node:crypto';
import { stringify } from 'yaml';
import { ANTREA_FEATURE_GATES } from '../../generated/antrea/feature-gates';
import type { ResolvedAntreaProps } from './defaults';
import { assertNoModelledKeys, mergeConfig } from './extra-config';

export const ANTREA_CONFIG_MAP = 'antrea-config';
/** Ports of the pinned Antrea (pkg/apis/ports.go; docs/network-requirements.md). */
export const ANTREA_PORTS = {
  agentApi: 10350,
  controllerApi: 10349,
  cluster: 10351,
  geneve: 6081,
  vxlan: 4789,
  stt: 7471,
  proxyHealthCheck: 10256,
  ikeUdp: 500,
  ikeNatT: 4500,
} as const;

/** Whether a gate belongs in a component's conf file: it is listed there, or (agent) listed in neither file. */
function gatesFor(component: 'agent' | 'controller', gates: Readonly<Record<string, boolean>>): Record<string, boolean> | null {
  const listed = (c: 'agent' | 'controller', g: string) => g in ANTREA_FEATURE_GATES[c];
  const mine = Object.entries(gates).filter(([g]) => listed(component, g) || (component === 'agent' && !listed('controller', g)));
  return mine.length > 0 ? Object.fromEntries(mine.sort(([a], [b]) => a.localeCompare(b))) : null;
}

/** antrea-agent.conf as data (the keys the chart writes, in its order). */
export function agentConf(s: ResolvedAntreaProps): Record<string, unknown> {
  return {
    featureGates: gatesFor('agent', s.featureGates),
    ovsBridge: 'br-int',
    hostGateway: 'antrea-gw0',
    trafficEncapMode: s.trafficEncapMode,
    podCIDRs: '',
    noSNAT: s.noSNAT,
    snatFullyRandomPorts: false,
    tunnelType: s.tunnelType,
    tunnelPort: s.tunnelPort,
    tunnelCsum: false,
    trafficEncryptionMode: s.trafficEncryptionMode,
    enableBridgingMode: false,
    disableTXChecksumOffload: false,
    defaultMTU: s.defaultMTU,
    packetInRate: 5000,
    wireGuard: { port: s.wireGuardPort },
    egress: { exceptCIDRs: null, maxEgressIPsPerNode: 255, snatFullyRandomPorts: null, uniqueMACForSubInterfaces: true },
    serviceCIDR: '',
    serviceCIDRv6: '',
    apiPort: ANTREA_PORTS.agentApi,
    clusterPort: ANTREA_PORTS.cluster,
    memberlist: { gossipVerifyOutgoing: true, gossipVerifyIncoming: true },
    enablePrometheusMetrics: true,
    flowExporter: {
      enable: false,
      flowCollectorAddr: 'flow-aggregator/flow-aggregator:14739:grpc',
      flowPollInterval: '5s',
      activeFlowExportTimeout: '5s',
      idleFlowExportTimeout: '15s',
      protocolFilter: null,
    },
    nodePortLocal: { enable: false, portRange: '61000-62000' },
    kubeAPIServerOverride: s.kubeAPIServerOverride ?? '',
    dnsServerOverride: '',
    fqdnCacheMinTTL: 0,
    tlsCipherSuites: '',
    tlsMinVersion: '',
    transportInterface: '',
    multicast: { enable: false, multicastInterfaces: null, igmpQueryVersions: [1, 2, 3], igmpQueryInterval: '125s' },
    transportInterfaceCIDRs: null,
    antreaProxy: {
      enable: s.antreaProxy.enable,
      proxyAll: s.antreaProxy.proxyAll,
      nodePortAddresses: null,
      skipServices: s.antreaProxy.skipServices.length > 0 ? [...s.antreaProxy.skipServices] : null,
      proxyLoadBalancerIPs: true,
      serviceProxyName: '',
      defaultLoadBalancerMode: 'nat',
      disableServiceHealthCheckServer: false,
      serviceHealthCheckServerBindAddress: '',
    },
    ipsec: { authenticationMode: 'psk' },
    multicluster: {
      enableGateway: false,
      namespace: '',
      enableStretchedNetworkPolicy: false,
      enablePodToPodConnectivity: false,
      trafficEncryptionMode: 'none',
      wireGuard: { port: 51821 },
    },
    auditLogging: { maxSize: 500, maxBackups: 3, maxAge: 28, compress: true },
    secondaryNetwork: { ovsBridges: null },
    hostNetworkAcceleration: { enable: true },
    hostNetworkMode: 'iptables',
  };
}

/** antrea-controller.conf as data. */
export function controllerConf(s: ResolvedAntreaProps): Record<string, unknown> {
  const ipam = s.nodeIPAM;
  return {
    featureGates: gatesFor('controller', s.featureGates),
    apiPort: ANTREA_PORTS.controllerApi,
    enablePrometheusMetrics: true,
    selfSignedCert: true,
    tlsCipherSuites: '',
    tlsMinVersion: '',
    clientCAFile: '',
    kubeAPIServerOverride: s.kubeAPIServerOverride ?? '',
    nodeIPAM: {
      enableNodeIPAM: ipam !== undefined,
      clusterCIDRs: ipam ? [...ipam.clusterCIDRs] : null,
      serviceCIDR: ipam?.serviceCIDR ?? '',
      serviceCIDRv6: ipam?.serviceCIDRv6 ?? '',
      nodeCIDRMaskSizeIPv4: ipam?.nodeCIDRMaskSizeIPv4 ?? 24,
      nodeCIDRMaskSizeIPv6: ipam?.nodeCIDRMaskSizeIPv6 ?? 64,
    },
    ipsecCSRSigner: { autoApprove: true, selfSignedCA: true },
    multicluster: { enableStretchedNetworkPolicy: false },
  };
}

/** antrea-cni.conflist: the antrea plugin with host-local IPAM, then portmap and bandwidth (chart defaults). */
export function cniConflist(): Record<string, unknown> {
  return {
    cniVersion: '0.3.0',
    name: 'antrea',
    plugins: [
      { type: 'antrea', ipam: { type: 'host-local' } },
      { type: 'portmap', capabilities: { portMappings: true } },
      { type: 'bandwidth', capabilities: { bandwidth: true } },
    ],
  };
}

/** The ConfigMap's data: the conf files with `agentConfig` / `controllerConfig` merged over them. */
export function antreaConfigData(s: ResolvedAntreaProps): Record<string, string> {
  assertNoModelledKeys({ agent: s.agentConfig, controller: s.controllerConfig });
  return {
    'antrea-agent.conf': stringify(mergeConfig(agentConf(s), s.agentConfig)),
    'antrea-cni.conflist': `${JSON.stringify(cniConflist(), null, 4)}\n`,
    'antrea-controller.conf': stringify(mergeConfig(controllerConf(s), s.controllerConfig)),
  };
}

/** `checksum/config`: rolls the agents and the controller when the configuration changes (as the chart's annotation). */
export function configChecksum(data: Readonly<Record<string, string>>): string {
  return createHash('sha256').update(stringify(data)).digest('hex');
}
