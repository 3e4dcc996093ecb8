import { Chart, type ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';

/** A user label that an object's own label replaced, and where. */
export interface OverriddenLabel {
  readonly key: string;
  readonly value: string;
  /** The object's own value. */
  readonly own: string;
  /** `Kind/name` of every object whose own label won. */
  readonly objects: readonly string[];
}

/**
 * A chart whose labels are added to every object after the objects are rendered, with the objects' own labels winning
 * (as a cdk8s chart does). cdk8s merges chart labels into each object at construction, and the generated `k8s` classes
 * then copy label maps key by key with an object spread per key — quadratic in the number of labels; adding them to
 * the rendered JSON keeps synthesis linear.
 */
export class LabelledChart extends Chart {
  private readonly extraLabels: Readonly<Record<string, string>>;
  private readonly overrides = new Map<string, { value: string; own: string; objects: string[] }>();

  public constructor(scope: Construct, id: string, props: ChartProps = {}) {
    const { labels, ...rest } = props;
    super(scope, id, rest);
    this.extraLabels = labels ?? {};
  }

  /**
   * Empty while objects are constructed: cdk8s copies `Chart.labels` into every ApiObject at construction, which is
   * what this chart avoids. The labels it adds are {@link userLabels}.
   */
  public get labels(): { [name: string]: string } {
    return {};
  }

  /** The labels added to every rendered object unless the object sets the key itself. */
  public get userLabels(): Readonly<Record<string, string>> {
    return this.extraLabels;
  }

  public toJson(): any[] {
    const objects = super.toJson();
    const keys = Object.keys(this.extraLabels);
    if (keys.length === 0) return objects;
    this.overrides.clear();
    return objects.map((obj) => this.withLabels(obj, keys));
  }

  /** User labels that objects' own labels replaced (filled by {@link toJson}). */
  public get overriddenLabels(): readonly OverriddenLabel[] {
    if (this.overrides.size === 0 && Object.keys(this.extraLabels).length > 0) this.toJson();
    return [...this.overrides].map(([key, o]) => ({ key, ...o }));
  }

  private withLabels(obj: any, keys: readonly string[]): any {
    const own: Record<string, string> = obj.metadata?.labels ?? {};
    const merged: Record<string, string> = {};
    for (const k of keys) {
      if (k in own) {
        if (own[k] !== this.extraLabels[k]) this.recordOverride(k, own[k], `${obj.kind}/${obj.metadata?.name}`);
      } else merged[k] = this.extraLabels[k];
    }
    Object.assign(merged, own);
    // keys sorted, as cdk8s sorts every map it renders
    const labels: Record<string, string> = {};
    for (const k of Object.keys(merged).sort()) labels[k] = merged[k];
    return { ...obj, metadata: { ...obj.metadata, labels } };
  }

  private recordOverride(key: string, own: string, object: string): void {
    const o = this.overrides.get(key) ?? { value: this.extraLabels[key], own, objects: [] };
    o.objects.push(object);
    this.overrides.set(key, o);
  }
}
