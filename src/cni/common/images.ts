/** Image references: one place that applies a version override and a registry mirror. */

/** An image as upstream publishes it, split so the tag and the registry can be overridden independently. */
export interface ImageRef {
  /** Registry host (and optional path), e.g. `ghcr.io` or `quay.io`. */
  readonly registry: string;
  /** Repository inside the registry, e.g. `flannel-io/flannel`. */
  readonly repository: string;
  readonly tag: string;
}

/** Parses `ghcr.io/flannel-io/flannel:v0.28.9` (the registry is the first path part; docker.io when absent). */
export function parseImage(image: string): ImageRef {
  const at = image.lastIndexOf(':');
  const slash = image.lastIndexOf('/');
  const [name, tag] = at > slash ? [image.slice(0, at), image.slice(at + 1)] : [image, 'latest'];
  const first = name.split('/')[0];
  const hasRegistry = name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  return hasRegistry
    ? { registry: first, repository: name.slice(first.length + 1), tag }
    : { registry: 'docker.io', repository: name.includes('/') ? name : `library/${name}`, tag };
}

/** Options that change where images come from. */
export interface ImageOptions {
  /**
   * Pull from this registry (or registry/path prefix) instead of upstream; the repository path is kept, so
   * `ghcr.io/flannel-io/flannel:v0.28.9` becomes `<imageRegistry>/flannel-io/flannel:v0.28.9`.
   * @default - upstream registries
   */
  readonly imageRegistry?: string;
}

/** Renders an image reference, with an optional tag override and registry mirror. */
export function renderImage(ref: ImageRef | string, opts: ImageOptions & { readonly tag?: string; readonly explicitDockerHub?: boolean } = {}): string {
  const r = typeof ref === 'string' ? parseImage(ref) : ref;
  const registry = opts.imageRegistry ? opts.imageRegistry.replace(/\/+$/, '') : r.registry;
  const repo = !opts.imageRegistry && r.registry === 'docker.io' && r.repository.startsWith('library/') ? r.repository.slice(8) : r.repository;
  // `explicitDockerHub` keeps the `docker.io/` prefix, for manifests that write it (e.g. canal.yaml's flannel image).
  const prefix = !opts.imageRegistry && r.registry === 'docker.io' && !opts.explicitDockerHub ? '' : `${registry}/`;
  return `${prefix}${repo}:${opts.tag ?? r.tag}`;
}

/** An image pinned by tag and, as Helm charts render it with `useDigest: true`, by digest. */
export interface PinnedImage {
  readonly image: string;
  /** `sha256:…`; appended as `@digest` unless the tag is overridden (the digest belongs to the pinned tag). */
  readonly digest?: string;
}

/** Renders a {@link PinnedImage}: `repo:tag@digest`, or `repo:<override>` when a tag override is given. */
export function renderPinnedImage(pinned: PinnedImage, opts: ImageOptions & { readonly tag?: string } = {}): string {
  const base = renderImage(pinned.image, opts);
  return pinned.digest && !opts.tag ? `${base}@${pinned.digest}` : base;
}
