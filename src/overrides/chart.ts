import type { ChartProps } from 'cdk8s';
import type { Construct } from 'constructs';
import { LabelledChart } from '../charts/labelled-chart';
import { IssueCollector, SpecValidationError, type SpecIssue } from '../spec/issues';
import { applyOverrides, type OverrideSource } from './apply';
import { checkOverrides } from './checks';
import type { RenderedObject } from './object-ref';
import type { OverridesProps } from './props';

/** Props of {@link OverridableChart}: a chart's props plus the overrides. */
export interface OverridableChartProps extends ChartProps {
  /**
   * Escape hatches applied to the rendered objects, after every check: extra env per container, then JSON patches
   * (docs/escape-hatches.md). Problems are reported at `overrides.*`. @default - none
   */
  readonly overrides?: OverridesProps;
}

/** A source of overrides; `validated` ones were checked by spec validation, which also reported their warnings. */
interface Source extends OverrideSource {
  readonly validated: boolean;
}

/** Charts whose objects overrides address together (a chart and its CRD chart), and the overrides. */
class OverrideGroup {
  public readonly charts: OverridableChart[] = [];
  public readonly sources: Source[] = [];
  public warnings: readonly SpecIssue[] = [];

  public get active(): boolean {
    return this.sources.some((s) => (s.overrides.env?.length ?? 0) + (s.overrides.patches?.length ?? 0) > 0);
  }

  /** Renders every chart, applies the overrides and returns each chart's objects, or every problem. */
  public render(): { parts: RenderedObject[][]; errors: readonly SpecIssue[]; warnings: readonly SpecIssue[]; all: readonly SpecIssue[] } {
    const parts = this.charts.map((c) => c.renderWithoutOverrides());
    const collectors = this.sources.map(() => new IssueCollector());
    this.sources.forEach((s, i) => {
      if (!s.validated) checkOverrides(s.overrides, s.base, collectors[i]);
    });
    const errors = () => collectors.flatMap((c) => c.issues);
    let out = parts;
    if (errors().length === 0) {
      const flat = applyOverrides(parts.flat(), this.sources, collectors);
      let at = 0;
      out = parts.map((p) => flat.slice(at, (at += p.length)));
    }
    const warnings = collectors.flatMap((c, i) => (this.sources[i].validated ? [] : c.warnings));
    return { parts: out, errors: errors(), warnings, all: collectors.flatMap((c) => [...c.issues, ...c.warnings]) };
  }
}

/**
 * A chart whose rendered objects get escape hatches (docs/escape-hatches.md): extra env per container and JSON
 * patches on named objects, applied after the objects are rendered and labelled. Put the CNI constructs in it as in
 * any chart. A problem (an unknown object or container, a patch that does not apply) throws a `SpecValidationError`
 * naming the override's path when the chart is synthesized, so nothing is written.
 */
export class OverridableChart extends LabelledChart {
  private group = new OverrideGroup();

  public constructor(scope: Construct, id: string, props: OverridableChartProps = {}) {
    const { overrides, ...rest } = props;
    super(scope, id, rest);
    this.group.charts.push(this);
    if (overrides) this.addOverrides(overrides, 'overrides');
  }

  /**
   * Adds overrides, applied after those added before; their problems are reported at `base` (e.g. `spec.overrides`).
   * `validated`: spec validation already checked them and reported their warnings.
   */
  public addOverrides(overrides: OverridesProps, base: string, validated = false): void {
    this.group.sources.push({ overrides, base, validated });
  }

  /** Warnings of the overrides (replaced variables, patched paths) found at the last synthesis, except those spec validation reports. */
  public get overrideWarnings(): readonly SpecIssue[] {
    return this.group.warnings;
  }

  /** Every error and warning of every override, rendering the charts now (spec validation uses it). */
  public overrideIssues(): readonly SpecIssue[] {
    return this.group.active ? this.group.render().all : [];
  }

  /** The objects before overrides (used by the group; do not call directly). */
  public renderWithoutOverrides(): RenderedObject[] {
    return super.toJson();
  }

  /** The rendered, labelled objects with the overrides applied; throws a `SpecValidationError` when one does not apply. */
  public toJson(): any[] {
    if (!this.group.active) return super.toJson();
    const r = this.group.render();
    if (r.errors.length > 0) throw new SpecValidationError(r.errors);
    this.group.warnings = r.warnings;
    return r.parts[this.group.charts.indexOf(this)];
  }

  /** Makes `other` (e.g. the CRD chart) share this chart's overrides: they address the objects of both. */
  protected shareOverrides(other: OverridableChart): void {
    this.group.charts.push(...other.group.charts);
    this.group.sources.push(...other.group.sources);
    for (const c of other.group.charts) c.group = this.group;
  }
}
