/**
 * Extra keys for antrea-agent.conf and antrea-controller.conf (`agentConfig` / `controllerConfig`): merged over what
 * this library writes, except keys the spec or the props model, which are refused and name their typed field.
 */

/** Which file. */
export type AntreaConfigFile = 'agent' | 'controller';

/**
 * Keys (dotted paths) this library writes from a typed field, and that field: in the spec (when the spec models it),
 * and in `AntreaProps`. A port fixed by this library is listed because the manifests (container ports, probes, Service)
 * use it.
 */
export const MODELLED_ANTREA_KEYS: Record<AntreaConfigFile, Readonly<Record<string, { readonly spec?: string; readonly prop: string }>>> = {
  agent: {
    featureGates: { spec: 'spec.cni.featureGates', prop: 'featureGates' },
    trafficEncapMode: { spec: 'spec.cni.trafficEncapMode', prop: 'trafficEncapMode' },
    noSNAT: { spec: 'spec.cni.noSNAT', prop: 'noSNAT' },
    tunnelType: { spec: 'spec.cni.tunnelType', prop: 'tunnelType' },
    tunnelPort: { spec: 'spec.cni.tunnelPort', prop: 'tunnelPort' },
    trafficEncryptionMode: { spec: 'spec.cni.trafficEncryptionMode', prop: 'trafficEncryptionMode' },
    defaultMTU: { prop: 'defaultMTU' },
    'wireGuard.port': { spec: 'spec.cni.wireGuardPort', prop: 'wireGuardPort' },
    kubeAPIServerOverride: { spec: 'spec.cni.kubeAPIServerOverride', prop: 'kubeAPIServerOverride' },
    'antreaProxy.enable': { spec: 'spec.cni.antreaProxy.enable', prop: 'antreaProxy.enable' },
    'antreaProxy.proxyAll': { spec: 'spec.cni.antreaProxy.proxyAll', prop: 'antreaProxy.proxyAll' },
    'antreaProxy.skipServices': { spec: 'spec.cni.antreaProxy.skipServices', prop: 'antreaProxy.skipServices' },
    apiPort: { spec: 'the fixed port 10350 (the agent container port, probes and firewall report use it)', prop: 'none (fixed port)' },
    clusterPort: { spec: 'the fixed port 10351 (the firewall report uses it)', prop: 'none (fixed port)' },
  },
  controller: {
    featureGates: { spec: 'spec.cni.featureGates', prop: 'featureGates' },
    kubeAPIServerOverride: { spec: 'spec.cni.kubeAPIServerOverride', prop: 'kubeAPIServerOverride' },
    'nodeIPAM.enableNodeIPAM': { spec: 'spec.cni.nodeIPAM.enable', prop: 'nodeIPAM' },
    'nodeIPAM.clusterCIDRs': { spec: 'spec.cni.nodeIPAM.clusterCIDRs', prop: 'nodeIPAM.clusterCIDRs' },
    'nodeIPAM.serviceCIDR': { spec: 'spec.services.cidrs', prop: 'nodeIPAM.serviceCIDR' },
    'nodeIPAM.serviceCIDRv6': { spec: 'spec.services.cidrs', prop: 'nodeIPAM.serviceCIDRv6' },
    'nodeIPAM.nodeCIDRMaskSizeIPv4': { spec: 'spec.pods.nodeMaskSize', prop: 'nodeIPAM.nodeCIDRMaskSizeIPv4' },
    'nodeIPAM.nodeCIDRMaskSizeIPv6': { spec: 'spec.pods.nodeMaskSizeIPv6', prop: 'nodeIPAM.nodeCIDRMaskSizeIPv6' },
    apiPort: { spec: 'the fixed port 10349 (the antrea Service and APIServices use it)', prop: 'none (fixed port)' },
  },
};

/**
 * Top-level keys antrea-agent.conf / antrea-controller.conf accept: those of the v2.7.0 chart's conf templates
 * (build/charts/antrea/conf, written or commented out; test/antrea-extra-config.test.ts checks this list against
 * them) plus config fields the chart leaves out.
 */
export const KNOWN_ANTREA_KEYS: Record<AntreaConfigFile, readonly string[]> = {
  agent: [
    'antreaProxy', 'apiPort', 'auditLogging', 'clusterPort', 'defaultMTU', 'disableTXChecksumOffload', 'dnsServerOverride', 'egress',
    'enableBridgingMode', 'enablePrometheusMetrics', 'featureGates', 'flowExporter', 'fqdnCacheMinTTL', 'hostGateway', 'hostNetworkAcceleration',
    'hostNetworkMode', 'ipsec', 'kubeAPIServerOverride', 'memberlist', 'multicast', 'multicluster', 'noSNAT', 'nodePortLocal', 'ovsBridge',
    'ovsDatapathType', 'packetInRate', 'podCIDRs', 'secondaryNetwork', 'serviceCIDR', 'serviceCIDRv6', 'snatFullyRandomPorts', 'tlsCipherSuites',
    'tlsMinVersion', 'trafficEncapMode', 'trafficEncryptionMode', 'transportInterface', 'transportInterfaceCIDRs', 'tunnelCsum', 'tunnelPort',
    'tunnelType', 'wireGuard',
    // AgentConfig fields the chart does not write (pkg/config/agent/config.go)
    'antreaClientConnection', 'clientConnection', 'cniSocket', 'hostProcPathPrefix', 'ovsRunDir',
  ],
  controller: [
    'apiPort', 'clientCAFile', 'enablePrometheusMetrics', 'featureGates', 'ipsecCSRSigner', 'kubeAPIServerOverride', 'multicluster', 'nodeIPAM',
    'selfSignedCert', 'tlsCipherSuites', 'tlsMinVersion',
    // ControllerConfig fields the chart does not write (pkg/config/controller/config.go)
    'clientConnection',
  ],
};

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Modelled keys that `extra` sets or replaces (a non-map value over a modelled key's parent replaces it), sorted. */
export function modelledKeysIn(file: AntreaConfigFile, extra: Readonly<Record<string, unknown>>, by: 'spec' | 'prop'): { key: string; spec?: string; prop: string }[] {
  const out: { key: string; spec?: string; prop: string }[] = [];
  for (const [key, field] of Object.entries(MODELLED_ANTREA_KEYS[file])) {
    if (by === 'spec' && field.spec === undefined) continue;
    let v: unknown = extra;
    const parts = key.split('.');
    for (let i = 0; i < parts.length && isMap(v); i++) {
      if (!(parts[i] in v)) {
        v = undefined;
        break;
      }
      v = v[parts[i]];
      if (i < parts.length - 1 && !isMap(v)) {
        out.push({ key: parts.slice(0, i + 1).join('.'), ...field });
        v = undefined;
      }
    }
    if (v !== undefined && v !== extra) out.push({ key, ...field });
  }
  const seen = new Set<string>();
  return out.filter((o) => !seen.has(o.key) && seen.add(o.key)).sort((a, b) => a.key.localeCompare(b.key));
}

/** Top-level keys of `extra` the conf file does not know. */
export function unknownKeysIn(file: AntreaConfigFile, extra: Readonly<Record<string, unknown>>): string[] {
  const known = new Set(KNOWN_ANTREA_KEYS[file]);
  return Object.keys(extra).filter((k) => !known.has(k)).sort();
}

/** `base` with `extra` merged over it: maps merge key by key, any other value replaces. */
export function mergeConfig(base: Readonly<Record<string, unknown>>, extra: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(extra)) out[k] = isMap(v) && isMap(out[k]) ? mergeConfig(out[k] as Record<string, unknown>, v) : v;
  return out;
}

/** Throws when construct props set modelled keys through `agentConfig` / `controllerConfig`, listing them all. */
export function assertNoModelledKeys(extra: Readonly<Record<AntreaConfigFile, Readonly<Record<string, unknown>>>>): void {
  const lines = (['agent', 'controller'] as const).flatMap((file) =>
    modelledKeysIn(file, extra[file], 'prop').map((f) => `${file}Config.${f.key}: is modelled by the typed prop ${f.prop} (allowed: set it there)`),
  );
  if (lines.length > 0) throw new Error(lines.join('\n'));
}
