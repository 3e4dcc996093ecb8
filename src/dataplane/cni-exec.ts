/**
 * Invoking CNI plugin binaries the way a runtime (libcni) does: the plugin runs in the node's network namespace,
 * `CNI_NETNS` is the pod's; a conflist is executed plugin by plugin with `prevResult` chaining (ADD in order, CHECK in
 * order against the cached result, DEL in reverse), and capabilities the plugins declare receive `runtimeConfig`.
 */
import { join } from 'node:path';
import { run } from './exec';

/** A CNI config object (single plugin or conflist). */
export type CniConfigObject = Record<string, any>;

/** The error a plugin reports on stdout (CNI spec: `{code, msg, details}`). */
export class CniPluginError extends Error {
  public constructor(
    public readonly pluginType: string,
    public readonly command: string,
    public readonly code: number,
    public readonly msg: string,
    public readonly details?: string,
  ) {
    super(`plugin type="${pluginType}" failed (${command.toLowerCase()}): ${msg}${details ? ` (${details})` : ''} [code ${code}]`);
    this.name = 'CniPluginError';
  }
}

export type CniCommand = 'ADD' | 'CHECK' | 'DEL';

/** Where and for whom a plugin runs. */
export interface CniInvocation {
  /** Directory of plugin binaries (`CNI_PATH`). */
  readonly binDir: string;
  /** Network namespace of the node (the plugin's own namespace). */
  readonly nodeNetns: string;
  /** Path of the pod's network namespace (`CNI_NETNS`). */
  readonly podNetnsPath: string;
  readonly containerId: string;
  /** Interface name in the pod (`CNI_IFNAME`). */
  readonly ifname: string;
  /** Capability arguments, e.g. `{ ips: ['10.1.0.5/24'], mac: '..' }`; each plugin gets those it declares. */
  readonly capabilityArgs?: Record<string, unknown>;
}

/** The plugin entries of a config in chain order, each completed with `cniVersion` and `name` as libcni does. */
export function pluginsOf(config: CniConfigObject): CniConfigObject[] {
  if (!Array.isArray(config.plugins)) return [config];
  return config.plugins.map((p: CniConfigObject) => ({ ...p, cniVersion: config.cniVersion, name: config.name }));
}

/** One plugin's stdin: its entry plus `runtimeConfig` for the capabilities it declares and `prevResult` when chained. */
export function withRuntime(plugin: CniConfigObject, caps: Record<string, unknown> | undefined, prevResult: unknown): CniConfigObject {
  const declared = Object.entries(plugin.capabilities ?? {}).filter(([, on]) => on === true).map(([k]) => k);
  const runtimeConfig = Object.fromEntries(declared.filter((k) => caps?.[k] !== undefined).map((k) => [k, caps![k]]));
  return {
    ...plugin,
    ...(Object.keys(runtimeConfig).length ? { runtimeConfig } : {}),
    ...(prevResult !== undefined ? { prevResult } : {}),
  };
}

/** Runs one plugin binary; returns its parsed stdout (undefined when empty, e.g. DEL). */
export function invokePlugin(command: CniCommand, plugin: CniConfigObject, inv: CniInvocation): unknown {
  const type = String(plugin.type);
  const r = run('ip', ['netns', 'exec', inv.nodeNetns, join(inv.binDir, type)], {
    input: JSON.stringify(plugin),
    env: {
      PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
      CNI_COMMAND: command,
      CNI_CONTAINERID: inv.containerId,
      CNI_NETNS: inv.podNetnsPath,
      CNI_IFNAME: inv.ifname,
      CNI_PATH: inv.binDir,
    },
  });
  const out = r.stdout.trim();
  let parsed: any;
  try {
    parsed = out ? JSON.parse(out) : undefined;
  } catch {
    parsed = undefined;
  }
  if (r.status !== 0) {
    throw new CniPluginError(type, command, parsed?.code ?? r.status, parsed?.msg ?? (out || r.stderr.trim() || 'no output'), parsed?.details);
  }
  // ADD must print its result; chaining on without it would run the next plugin with no prevResult (libcni fails here too).
  if (command === 'ADD' && (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))) {
    throw new CniPluginError(type, command, 999, `exited 0 but printed no JSON result (stdout: ${JSON.stringify(out.slice(0, 200))})`);
  }
  return parsed;
}

/** CNI spec versions before CHECK existed (it was added in 0.4.0). */
const PRE_CHECK_VERSIONS = ['0.1.0', '0.2.0', '0.3.0', '0.3.1'];

/** Whether a config's `cniVersion` defines CHECK; libcni refuses CHECK for older configs. */
export function supportsCheck(config: CniConfigObject): boolean {
  return !PRE_CHECK_VERSIONS.includes(String(config.cniVersion));
}

/** ADD through the chain; returns the final result (what a runtime caches). */
export function addNetwork(config: CniConfigObject, inv: CniInvocation): any {
  let prev: unknown;
  for (const p of pluginsOf(config)) prev = invokePlugin('ADD', withRuntime(p, inv.capabilityArgs, prev), inv);
  return prev;
}

/** CHECK every plugin, in order, against the cached result. Throws, like libcni, when the cniVersion predates CHECK. */
export function checkNetwork(config: CniConfigObject, inv: CniInvocation, cachedResult: unknown): void {
  if (!supportsCheck(config)) throw new Error(`configuration version "${config.cniVersion}" does not support the CHECK command (allowed: 0.4.0 or later)`);
  for (const p of pluginsOf(config)) invokePlugin('CHECK', withRuntime(p, inv.capabilityArgs, cachedResult), inv);
}

/** DEL every plugin in reverse order, with the cached result. */
export function delNetwork(config: CniConfigObject, inv: CniInvocation, cachedResult: unknown): void {
  for (const p of [...pluginsOf(config)].reverse()) invokePlugin('DEL', withRuntime(p, inv.capabilityArgs, cachedResult), inv);
}
