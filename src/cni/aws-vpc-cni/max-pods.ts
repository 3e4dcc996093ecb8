/** Moved to src/plan/aws-max-pods.ts (capacity lives in the plan layer); re-exported here for existing imports. */
export * from '../../plan/aws-max-pods';
