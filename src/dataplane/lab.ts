/**
 * A throwaway "cluster" of network namespaces: nodes joined by a veth wire (the secondary network's L2 segment) and
 * pods. Everything it creates carries a per-lab prefix and is removed by `destroy()`, also after failures.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun, run } from './exec';

let labs = 0;

export class NetnsLab {
  /** Prefix of every namespace name of this lab. */
  public readonly prefix: string;
  /** Scratch directory (IPAM state). */
  public readonly dir: string;
  private readonly namespaces: string[] = [];

  public constructor() {
    this.prefix = `ck${process.pid % 100000}x${labs++}`;
    this.dir = mkdtempSync(join(tmpdir(), 'cdk8s-cni-lab-'));
  }

  /** Creates a network namespace `<prefix>-<name>` with `lo` up; returns its name. */
  public netns(name: string): string {
    const ns = `${this.prefix}-${name}`;
    mustRun('ip', ['netns', 'add', ns]);
    this.namespaces.push(ns);
    mustRun('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
    return ns;
  }

  /** Path of a namespace for `CNI_NETNS`. */
  public static path(ns: string): string {
    return `/var/run/netns/${ns}`;
  }

  /** A veth pair between namespaces `a` and `b` (or within one when equal), both ends up, with the given MTU. */
  public wire(a: string, ifA: string, b: string, ifB: string, mtu = 1500): void {
    mustRun('ip', ['link', 'add', ifA, 'netns', a, 'mtu', String(mtu), 'type', 'veth', 'peer', 'name', ifB, 'netns', b, 'mtu', String(mtu)]);
    mustRun('ip', ['-n', a, 'link', 'set', ifA, 'up']);
    mustRun('ip', ['-n', b, 'link', 'set', ifB, 'up']);
  }

  /** Runs `cmd` inside namespace `ns`. */
  public exec(ns: string, cmd: string, args: readonly string[]) {
    return run('ip', ['netns', 'exec', ns, cmd, ...args]);
  }

  /** `ip -j` output inside a namespace, parsed. */
  public ipJson(ns: string, args: readonly string[]): any[] {
    const r = run('ip', ['-j', '-n', ns, ...args]);
    if (r.status !== 0) return [];
    return JSON.parse(r.stdout || '[]');
  }

  /**
   * Waits (up to `timeoutMs`) until no IPv6 address in these namespaces is still `tentative`: until duplicate address
   * detection finishes, the kernel neither sends from nor answers for such an address, so a ping right after ADD
   * would fail for a reason the config has nothing to do with. Throws when DAD does not finish in time.
   */
  public settleIpv6(namespaces: readonly string[], timeoutMs = 5000): void {
    const deadline = Date.now() + timeoutMs;
    const pending = () => namespaces.filter((ns) => this.ipJson(ns, ['-6', 'addr', 'show', 'tentative']).some((l) => (l.addr_info ?? []).length > 0));
    for (let left = pending(); left.length > 0; left = pending()) {
      if (Date.now() > deadline) throw new Error(`IPv6 duplicate address detection did not finish within ${timeoutMs} ms in ${left.join(', ')}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }

  /** Deletes every namespace (and with them their interfaces) and the scratch directory. */
  public destroy(): void {
    for (const ns of this.namespaces.reverse()) run('ip', ['netns', 'del', ns]);
    this.namespaces.length = 0;
    rmSync(this.dir, { recursive: true, force: true });
  }
}
