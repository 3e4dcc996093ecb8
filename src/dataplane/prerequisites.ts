/** What the data-plane lab needs from the machine, and what the kernel can do. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './exec';

/** Where Debian's containernetworking-plugins puts the binaries. */
export const DEFAULT_CNI_BIN_DIR = '/usr/lib/cni';

/** Missing prerequisites (empty when the lab can run): root, `ip`, `ping`, the plugin directory. */
export function missingPrerequisites(binDir = DEFAULT_CNI_BIN_DIR): string[] {
  const missing: string[] = [];
  if (typeof process.getuid === 'function' && process.getuid() !== 0) missing.push('root (network namespaces need CAP_NET_ADMIN)');
  if (run('ip', ['-V']).status !== 0) missing.push('iproute2 (`ip`)');
  if (run('ping', ['-V']).status !== 0) missing.push('iputils-ping (`ping`)');
  if (!existsSync(join(binDir, 'host-local'))) missing.push(`CNI plugins in ${binDir} (Debian: containernetworking-plugins)`);
  return missing;
}

/** True when the plugin binary exists. */
export function hasPlugin(type: string, binDir = DEFAULT_CNI_BIN_DIR): boolean {
  return existsSync(join(binDir, type));
}

let scratch = 0;
const linkSupport = new Map<string, boolean>();
/**
 * True when the kernel can create links of `kind` (`ipvlan`, `vlan`, `macvlan` …). Probed in a throwaway network
 * namespace on a veth pair, so nothing on the host changes. Cached per process.
 */
export function kernelSupportsLink(kind: 'ipvlan' | 'vlan' | 'macvlan'): boolean {
  if (!linkSupport.has(kind)) linkSupport.set(kind, probeLink(kind));
  return linkSupport.get(kind)!;
}

function probeLink(kind: 'ipvlan' | 'vlan' | 'macvlan'): boolean {
  const ns = `cdk8scni-probe-${process.pid}-${scratch++}`;
  if (run('ip', ['netns', 'add', ns]).status !== 0) return false;
  try {
    run('ip', ['-n', ns, 'link', 'add', 'pa', 'type', 'veth', 'peer', 'name', 'pb']);
    const args = kind === 'vlan' ? ['link', 'add', 'link', 'pa', 'name', 'pa.7', 'type', 'vlan', 'id', '7'] : ['link', 'add', 'link', 'pa', 'name', 'px', 'type', kind];
    return run('ip', ['-n', ns, ...args]).status === 0;
  } finally {
    run('ip', ['netns', 'del', ns]);
  }
}
