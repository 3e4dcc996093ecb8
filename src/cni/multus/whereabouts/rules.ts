/** Rules of the whereabouts install (`spec.multus.whereabouts`, the `Whereabouts` construct). */
import { defineRule } from '../../../rules/rule';

const TAG = 'k8snetworkplumbingwg/whereabouts@v0.9.4';
const DIVIDE = `${TAG} pkg/iphelpers/iphelpers.go (DivideRangeBySize, called by pkg/node-controller/controller.go when it creates the NodeSlicePool; on error no slice exists and pods on the network get no address)`;

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
  nodeSliceSizeInvalid: defineRule<{ size: string; why: string; min: number; max: number }>({
    id: 'whereabouts/node-slice-size-invalid',
    severity: 'error',
    path: 'spec.multus.networks[*].ipam.node_slice_size',
    summary: 'A node slice size that is not a prefix length between the range\'s and the address length: the node-slice controller cannot divide the range.',
    source: { upstream: `${DIVIDE}: "invalid slice size", "subnetMaskSize must be greater or equal than netMaskSize", "slice size /%d exceeds address length"` },
    message: ({ size, why, min, max }) => `"${size}" ${why} (allowed: a prefix length /${min}-/${max}, e.g. "/${Math.min(max, min + 6)}")`,
  }),
  nodeSliceRangeHostBits: defineRule<{ range: string; canonical: string }>({
    id: 'whereabouts/node-slice-range-host-bits',
    severity: 'warning',
    path: 'spec.multus.networks[*].ipam.range',
    summary: 'A node-sliced range with host bits set: whereabouts slices the network address of it (pkg/config LoadIPAMConfig stores ParseCIDRSloppy(range).String() before the node-slice controller divides it).',
    source: { opinion: 'whereabouts v0.9.4 normalises the range silently (pkg/config/config.go LoadIPAMConfig), so slicing works; the written range then differs from the one that is sliced, which is worth saying' },
    message: ({ range, canonical }) => `"${range}" has host bits set; whereabouts slices ${canonical} (allowed: write the network address, ${canonical})`,
  }),
  nodeSlicesFewerThanNodes: defineRule<{ range: string; size: string; slices: string; nodes: number }>({
    id: 'whereabouts/node-slices-fewer-than-nodes',
    severity: 'warning',
    path: 'spec.multus.networks[*].ipam.node_slice_size',
    summary: 'Fewer node slices than planned nodes: nodes beyond the slices get none, and pods there get no address on the network.',
    source: { upstream: `${TAG} pkg/node-controller/controller.go (assignNodeToSlice: a node is assigned only a free slice; "TODO: handle case when full")` },
    message: ({ range, size, slices, nodes }) => `${range} in ${size} slices gives ${slices} slices for ${nodes} nodes: nodes without a slice cannot give pods addresses on this network (allowed: a longer prefix, or a larger range)`,
  }),
};
