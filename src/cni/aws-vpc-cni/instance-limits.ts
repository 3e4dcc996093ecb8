/** Moved to src/plan/aws-instance-limits.ts (capacity lives in the plan layer); re-exported here for existing imports. */
export * from '../../plan/aws-instance-limits';
