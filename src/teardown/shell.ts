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
