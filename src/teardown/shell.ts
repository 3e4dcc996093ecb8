/** Shell text helpers shared by the generated teardown, node-cleanup and migration scripts. */

/** `s` as one POSIX shell word: bare when it is only safe characters, else single-quoted. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9._\/:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `kubectl` resource name of an object: `<kind>.<group>/<name>` (core kinds without a group). */
export function kubectlResource(o: { readonly apiVersion: string; readonly kind: string; readonly metadata: { readonly name: string } }): string {
  const group = o.apiVersion.includes('/') ? `.${o.apiVersion.split('/')[0]}` : '';
  return `${o.kind.toLowerCase()}${group}/${o.metadata.name}`;
}

/** A host path bound into a helper container at the same path. */
export interface HostMount {
  readonly path: string;
  /** @default false */
  readonly readOnly?: boolean;
}

/**
 * `ctr run` of `command` in `image` (a shell word: a quoted name or `"$var"`) as a privileged, host-network helper
 * container named `name`, with `mounts` bound at their host paths. Used on nodes for upstream's own cleanup commands
 * (`kube-proxy --cleanup`, `cilium-dbg post-uninstall-cleanup`); the image must be pulled first (`ctr images pull`).
 */
export function ctrRun(image: string, name: string, command: string, mounts: readonly HostMount[]): string {
  const binds = mounts.map((m) => `--mount type=bind,src=${m.path},dst=${m.path},options=rbind:${m.readOnly ? 'ro' : 'rw'}`);
  return ['ctr run --rm --privileged --net-host', ...binds, image, name, command].join(' ');
}
