/** Timing primitives for the benchmarks: warm-up, repetitions, median, peak memory. */

export interface Measurement {
  /** Median wall time of one repetition, ms. */
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly reps: number;
  /** Every measured repetition, ms, in order. */
  readonly timesMs: readonly number[];
  /**
   * CPU time (user + system, all threads of the process) of every measured repetition, ms: unlike wall time, it does
   * not count the time other processes on a shared machine held the cores.
   */
  readonly cpuTimesMs: readonly number[];
  /** Median of {@link cpuTimesMs}. */
  readonly cpuMedianMs: number;
  /** Peak resident set size of the process while measuring, MiB (process.resourceUsage().maxRSS). */
  readonly peakRssMiB: number;
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `fn` `warmup` times unmeasured, then `reps` times measured; returns the median and the process peak RSS. */
export function measure(fn: () => unknown, opts: { warmup?: number; reps?: number } = {}): Measurement {
  const warmup = opts.warmup ?? 2;
  const reps = opts.reps ?? 5;
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    sink = fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return {
    medianMs: median(times),
    minMs: Math.min(...times),
    maxMs: Math.max(...times),
    reps,
    timesMs: times,
    cpuTimesMs: cpu,
    cpuMedianMs: median(cpu),
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  };
}
