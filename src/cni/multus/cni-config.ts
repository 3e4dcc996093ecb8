/**
 * Builds the CNI network configuration a NetworkAttachmentDefinition carries: one plugin, or a conflist when `tuning`
 * is chained after it. Field names are those of the plugin docs (../shared/reference/cni-spec/plugins-docs).
 */
import type { Ipam } from './ipam';
import { IPS_CAPABLE_IPAM } from './ipam';
import type { CniPlugin, TuningPlugin } from './plugins';

/** The CNI spec version written by default; the highest the containernetworking plugins speak. */
export const DEFAULT_CNI_VERSION = '1.0.0';

/** What a secondary network is: the main plugin, its IPAM and an optional tuning step. */
export interface NetworkConfigProps {
  /** The main plugin (macvlan, ipvlan, bridge, host-device, vlan, ptp, sriov). */
  readonly plugin: CniPlugin;
  /** Address management. @default - none (`ipam: {}`: an interface without addresses) */
  readonly ipam?: Ipam;
  /** Chain the tuning plugin after the main plugin (the config becomes a conflist). @default - no tuning */
  readonly tuning?: TuningPlugin;
  /** CNI spec version of the config. @default '1.0.0' */
  readonly cniVersion?: string;
}

/** A CNI config as a plain JSON object. */
export type CniConfig = Record<string, unknown>;

/** The main plugin's entry: its fields (without `resourceName`, which is an annotation), `ipam`, capabilities. */
function mainPluginEntry(props: NetworkConfigProps): CniConfig {
  const { resourceName: _resourceName, ...fields } = props.plugin as CniPlugin & { resourceName?: string };
  const ipsCapable = props.ipam !== undefined && IPS_CAPABLE_IPAM.includes(props.ipam.type);
  return {
    ...fields,
    ...(ipsCapable ? { capabilities: { ips: true } } : {}),
    ipam: props.ipam ?? {},
  };
}

/** The tuning entry of the chain. */
function tuningEntry(tuning: TuningPlugin): CniConfig {
  return { type: 'tuning', ...tuning };
}

/** The CNI configuration of a network named `name`: a single plugin config, or a conflist with tuning. */
export function buildCniConfig(name: string, props: NetworkConfigProps): CniConfig {
  const cniVersion = props.cniVersion ?? DEFAULT_CNI_VERSION;
  if (!props.tuning) return { cniVersion, name, ...mainPluginEntry(props) };
  return { cniVersion, name, plugins: [mainPluginEntry(props), tuningEntry(props.tuning)] };
}

/** The plugin entries of a config, in chain order (one for a single-plugin config). */
export function chainOf(config: CniConfig): CniConfig[] {
  return Array.isArray(config.plugins) ? (config.plugins as CniConfig[]) : [config];
}

/** True when some plugin of the chain declares capability `name` (what Multus needs to pass `ips` / `mac`). */
export function declaresCapability(config: CniConfig, name: string): boolean {
  return chainOf(config).some((p) => (p.capabilities as Record<string, unknown> | undefined)?.[name] === true);
}
