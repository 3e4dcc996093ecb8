/**
 * The schedule syntax of the whereabouts reconciler: go-co-op/gocron v2 `CronJob(expr, false)` parses with
 * robfig/cron v3 `ParseStandard` (5 fields: minute hour day-of-month month day-of-week, or a `@descriptor`, with an
 * optional `CRON_TZ=`/`TZ=` prefix). Mirrors robfig/cron v3.0.1 parser.go (getRange, parseDescriptor) so that what the
 * reconciler accepts is accepted here and what it refuses is refused.
 */

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
/** Go `time.ParseDuration`: signed sequence of decimal numbers with units. */
const GO_DURATION = /^[-+]?(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$/;

function number(text: string, field: Field): number | string {
  const named = field.names?.indexOf(text.toLowerCase()) ?? -1;
  if (named >= 0) return named + (field.name === 'month' ? 1 : 0);
  if (!/^\d+$/.test(text)) return `"${text}" is not a number${field.names ? ' or a name' : ''} in the ${field.name} field`;
  return Number(text);
}

/** robfig getRange for one comma-separated part of a field. */
function rangeProblem(expr: string, field: Field): string | undefined {
  const [rangePart, ...stepParts] = expr.split('/');
  const bounds = rangePart.split('-');
  let start: number;
  let end: number;
  if (bounds[0] === '*' || bounds[0] === '?') {
    if (bounds.length > 1) return `"${expr}": a range cannot start with ${bounds[0]} in the ${field.name} field`;
    [start, end] = [field.min, field.max];
  } else {
    if (bounds.length > 2) return `"${expr}": too many hyphens in the ${field.name} field`;
    const s = number(bounds[0], field);
    if (typeof s === 'string') return s;
    const e = bounds.length === 2 ? number(bounds[1], field) : s;
    if (typeof e === 'string') return e;
    [start, end] = [s, e];
  }
  if (stepParts.length > 1) return `"${expr}": too many slashes in the ${field.name} field`;
  if (stepParts.length === 1) {
    if (!/^\d+$/.test(stepParts[0])) return `"${expr}": the step is not a number in the ${field.name} field`;
    if (Number(stepParts[0]) === 0) return `"${expr}": the step must be positive in the ${field.name} field`;
    if (bounds.length === 1 && bounds[0] !== '*' && bounds[0] !== '?') end = field.max; // "N/step" means "N-max/step"
  }
  if (start < field.min) return `"${expr}": ${start} is below ${field.min} in the ${field.name} field`;
  if (end > field.max) return `"${expr}": ${end} is above ${field.max} in the ${field.name} field`;
  if (start > end) return `"${expr}": ${start} is after ${end} in the ${field.name} field`;
  return undefined;
}

/** Why the reconciler would refuse `expression`, or undefined when it parses. */
export function cronExpressionProblem(expression: string): string | undefined {
  let spec = expression.trim();
  if (spec.length === 0) return 'the expression is empty';
  const tz = /^(?:CRON_TZ|TZ)=(\S*)/.exec(spec);
  if (tz) {
    // time.LoadLocation("") is UTC; zone names are looked up on the node (tzdata), not checked here
    if (!/\s/.test(spec.slice(tz[0].length, tz[0].length + 1))) return 'a time zone prefix needs the schedule after it';
    spec = spec.slice(tz[0].length).trim();
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec)) return undefined;
    if (spec.startsWith('@every ')) return GO_DURATION.test(spec.slice(7)) ? undefined : `"${spec.slice(7)}" is not a duration (e.g. 1h30m)`;
    return `unrecognized descriptor "${spec}"`;
  }
  const fields = spec.split(/\s+/);
  if (fields.length !== 5) return `expected exactly 5 fields (minute hour day-of-month month day-of-week), found ${fields.length}`;
  for (let i = 0; i < 5; i++) {
    for (const part of fields[i].split(',')) {
      const problem = rangeProblem(part, FIELDS[i]);
      if (problem) return problem;
    }
  }
  return undefined;
}
