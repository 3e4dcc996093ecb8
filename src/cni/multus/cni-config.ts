/**
 * Builds the CNI network configuration a NetworkAttachmentDefinition carries: one plugin, or a conflist when `tuning`
 * is chained after it. Field names are those of the plugin docs (../shared/reference/cni-spec/plugins-docs).
 */
import { Cidr, IpAddress } from '../../plan/cidr';
import type { Ipam, IpamRoute } from './ipam';
import { hostLocalRanges, IPS_CAPABLE_IPAM } from './ipam';
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

/**
 * The gateways an IPAM config gives the pod: host-local's range gateway (default: the subnet's first address), static
 * addresses' and whereabouts' `gateway`. Unparsable values are skipped (validation reports them).
 */
export function ipamGateways(ipam: Ipam | undefined): IpAddress[] {
  const parse = (t: string | undefined) => (t === undefined ? undefined : IpAddress.parse(t));
  const raw: Array<IpAddress | string | undefined> = [];
  switch (ipam?.type) {
    case 'host-local':
      for (const { range } of hostLocalRanges(ipam)) {
        const c = Cidr.parse(range.subnet);
        raw.push(range.gateway !== undefined ? parse(range.gateway) : typeof c === 'string' ? undefined : c.nth(1n));
      }
      break;
    case 'static':
      for (const a of ipam.addresses ?? []) raw.push(parse(a.gateway));
      break;
    case 'whereabouts':
      raw.push(parse(ipam.gateway));
      break;
    default:
      break;
  }
  return raw.filter((g): g is IpAddress => g !== undefined && typeof g !== 'string');
}

/**
 * Routes with the implicit next hop written out. The plugins route a `gw`-less route via the range gateway, but their
 * CHECK then expects a route without a gateway and fails ("Expected Route … GW:<nil> not found", measured with
 * containernetworking-plugins 1.1.1), so the gateway the plugin would use anyway is made explicit.
 */
function explicitRoutes(ipam: Ipam): IpamRoute[] | undefined {
  if (!('routes' in ipam) || !ipam.routes) return undefined;
  const gateways = ipamGateways(ipam);
  return ipam.routes.map((r) => {
    if (r.gw !== undefined) return r;
    const dst = Cidr.parse(r.dst);
    const gw = typeof dst === 'string' ? undefined : gateways.find((g) => g.family === dst.family);
    return gw ? { ...r, gw: gw.toString() } : r;
  });
}

function renderIpam(ipam: Ipam | undefined): Record<string, unknown> {
  if (!ipam) return {};
  const routes = explicitRoutes(ipam);
  return routes ? { ...ipam, routes } : { ...ipam };
}

/**
 * True when pods may pass their own `ips`: static or host-local IPAM (CNI CONVENTIONS.md; host-local reads
 * runtimeConfig `ips` since plugins v1.0), and for static a plugin that works with gateway-less addresses (ptp needs a
 * gateway on every address, which per-pod static ips do not carry: measured, ADD fails; host-local has its range's).
 */
export function honoursPodIps(props: NetworkConfigProps): boolean {
  const ipam = props.ipam?.type;
  return ipam !== undefined && IPS_CAPABLE_IPAM.includes(ipam) && !(ipam === 'static' && props.plugin.type === 'ptp');
}

/** Main plugins that apply a per-pod `mac` themselves (the `mac` capability; plugins docs: bridge). */
export const MAC_CAPABLE_PLUGINS: ReadonlyArray<CniPlugin['type']> = ['bridge'];

/** The main plugin's entry: its fields (without `resourceName`, which is an annotation), `ipam`, capabilities. */
function mainPluginEntry(props: NetworkConfigProps): CniConfig {
  const { resourceName: _resourceName, ...fields } = props.plugin as CniPlugin & { resourceName?: string };
  const capabilities = {
    ...(honoursPodIps(props) ? { ips: true } : {}),
    ...(MAC_CAPABLE_PLUGINS.includes(props.plugin.type) ? { mac: true } : {}),
  };
  return {
    ...fields,
    ...(Object.keys(capabilities).length > 0 ? { capabilities } : {}),
    ipam: renderIpam(props.ipam),
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
