/** Rules of the whereabouts install (`spec.multus.whereabouts`, the `Whereabouts` construct). */
import { defineRule } from '../../../rules/rule';

const TAG = 'k8snetworkplumbingwg/whereabouts@v0.9.4';

export const WHEREABOUTS_RULES = {
  cronExpressionInvalid: defineRule<{ expression: string; why: string }>({
    id: 'whereabouts/cron-expression-invalid',
    severity: 'error',
    path: 'spec.multus.whereabouts.reconciler_cron_expression',
    summary: 'A reconciler schedule that the whereabouts reconciler cannot parse: it exits at start-up.',
    source: {
      upstream: `${TAG} pkg/reconciler/config.go (newConfigWatcher: gocron.CronJob(schedule, false), robfig/cron v3 ParseStandard; "error creating job") and cmd/reconciler/main.go (run: exits with couldNotCreateConfigWatcherError)`,
    },
    message: ({ expression, why }) => `"${expression}" is not a cron schedule: ${why} (allowed: 5 fields "minute hour day-of-month month day-of-week" in UTC, e.g. "30 4 * * *", or @daily, @hourly, @every 6h)`,
  }),
};
