/**
 * The aws-node environment: upstream's chart defaults (helm `env` / `init.env`, v1.23.1) with the settings applied.
 * One function for the manifest and the EKS add-on, so both carry the same values. Every setting is written when it is
 * given, `false` included (ANCHORS.md §1.2: a peer drops plain `false`).
 */
import type { AwsVpcCniSettings } from './props';

/** aws-node env defaults of the pinned chart, without `VPC_CNI_VERSION` (added from the version). */
const MAIN_DEFAULTS: Readonly<Record<string, string>> = {
  ADDITIONAL_ENI_TAGS: '{}',
  AWS_VPC_CNI_NODE_PORT_SUPPORT: 'true',
  AWS_VPC_ENI_MTU: '9001',
  AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: 'false',
  AWS_VPC_K8S_CNI_EXTERNALSNAT: 'false',
  AWS_VPC_K8S_CNI_LOG_FILE: '/host/var/log/aws-routed-eni/ipamd.log',
  AWS_VPC_K8S_CNI_LOGLEVEL: 'DEBUG',
  AWS_VPC_K8S_CNI_RANDOMIZESNAT: 'prng',
  AWS_VPC_K8S_CNI_VETHPREFIX: 'eni',
  AWS_VPC_K8S_PLUGIN_LOG_FILE: '/var/log/aws-routed-eni/plugin.log',
  AWS_VPC_K8S_PLUGIN_LOG_LEVEL: 'DEBUG',
  DISABLE_INTROSPECTION: 'false',
  DISABLE_METRICS: 'false',
  ENABLE_POD_ENI: 'false',
  ENABLE_PREFIX_DELEGATION: 'false',
  WARM_ENI_TARGET: '1',
  WARM_PREFIX_TARGET: '1',
  DISABLE_NETWORK_RESOURCE_PROVISIONING: 'false',
  ENABLE_IPv4: 'true',
  ENABLE_IPv6: 'false',
  ENABLE_SUBNET_DISCOVERY: 'true',
  NETWORK_POLICY_ENFORCING_MODE: 'standard',
  ENABLE_IMDS_ONLY_MODE: 'false',
  ENABLE_MULTI_NIC: 'false',
};

/** Env var ← setting. Undefined settings keep the default (or stay unset). */
function settingsEnv(s: AwsVpcCniSettings): Record<string, string | undefined> {
  const str = (v: boolean | number | undefined) => (v === undefined ? undefined : String(v));
  return {
    // Written only for IPv6, so IPv4 add-on values stay as they were (the chart defaults are IPv4).
    ENABLE_IPv6: s.enableIpv6 ? 'true' : undefined,
    ENABLE_IPv4: s.enableIpv6 ? 'false' : undefined,
    ENABLE_PREFIX_DELEGATION: str(s.enablePrefixDelegation),
    WARM_PREFIX_TARGET: str(s.warmPrefixTarget),
    WARM_ENI_TARGET: str(s.warmEniTarget),
    WARM_IP_TARGET: str(s.warmIpTarget),
    MINIMUM_IP_TARGET: str(s.minimumIpTarget),
    MAX_ENI: str(s.maxEni),
    AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: str(s.customNetworkConfig),
    ENI_CONFIG_LABEL_DEF: s.eniConfigLabelDef,
    ENABLE_POD_ENI: str(s.enablePodEni),
    POD_SECURITY_GROUP_ENFORCING_MODE: s.podSecurityGroupEnforcingMode,
    AWS_VPC_K8S_CNI_EXTERNALSNAT: str(s.externalSnat),
    AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS: s.excludeSnatCidrs && s.excludeSnatCidrs.length > 0 ? s.excludeSnatCidrs.join(',') : undefined,
    AWS_VPC_K8S_CNI_RANDOMIZESNAT: s.randomizeSnat,
    AWS_VPC_ENI_MTU: str(s.eniMtu),
    AWS_VPC_CNI_NODE_PORT_SUPPORT: str(s.nodePortSupport),
    AWS_VPC_K8S_CNI_VETHPREFIX: s.vethPrefix,
    NETWORK_POLICY_ENFORCING_MODE: s.networkPolicyEnforcingMode,
  };
}

function sortedRecord(r: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of Object.keys(r).sort()) {
    const v = r[k];
    if (v !== undefined) out[k] = v;
  }
  return out;
}

export interface AwsNodeEnvOptions {
  /** Written to `VPC_CNI_VERSION`. */
  readonly version: string;
  /** Leave out `NETWORK_POLICY_ENFORCING_MODE`, as the chart does without the node agent. @default false */
  readonly withoutNodeAgent?: boolean;
}

/** The aws-node container env as name → value, sorted by name (the chart renders the `env` map in key order). */
export function awsNodeEnv(s: AwsVpcCniSettings, opts: AwsNodeEnvOptions): Record<string, string> {
  const env: Record<string, string | undefined> = { ...MAIN_DEFAULTS, VPC_CNI_VERSION: opts.version, ...settingsEnv(s) };
  for (const [k, v] of Object.entries(MAIN_DEFAULTS)) if (env[k] === undefined) env[k] = v;
  Object.assign(env, s.env ?? {});
  if (opts.withoutNodeAgent) delete env.NETWORK_POLICY_ENFORCING_MODE;
  return sortedRecord(env);
}

/** Only the env vars the settings decide (defined settings and `env`), sorted by name: the EKS add-on `env`. */
export function awsNodeSettingsEnv(s: AwsVpcCniSettings): Record<string, string> {
  return sortedRecord({ ...settingsEnv(s), ...(s.env ?? {}) });
}

/** The aws-vpc-cni-init container env (chart `init.env`). */
export function awsNodeInitEnv(s: AwsVpcCniSettings): Record<string, string> {
  return sortedRecord({ DISABLE_TCP_EARLY_DEMUX: String(s.disableTcpEarlyDemux ?? false), ENABLE_IPv6: String(s.enableIpv6 ?? false) });
}
