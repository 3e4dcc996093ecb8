/**
 * The override checks that need the rendered objects (the object and container exist, every patch applies), run by
 * spec validation so `cdk8s-cni validate` reports them too. cdk8s and the chart are loaded on first use (the chart imports
 * validation, and a spec without overrides needs neither).
 */
import type { IssueCollector } from '../spec/issues';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import type { OverridesProps } from './props';

/** Whether `overrides` asks for anything. */
export function hasOverrides(overrides: OverridesProps | undefined): overrides is OverridesProps {
  return (overrides?.env?.length ?? 0) + (overrides?.patches?.length ?? 0) > 0;
}

/** Renders a validated network and reports what its `spec.overrides` find (errors and warnings). */
export function checkRenderedOverrides(network: ResolvedClusterNetwork, issues: IssueCollector): void {
  const { App } = require('cdk8s') as typeof import('cdk8s');
  const { ClusterNetworkChart } = require('../charts/cluster-network-chart') as typeof import('../charts/cluster-network-chart');
  const chart = new ClusterNetworkChart(new App(), 'overrides-check', { spec: network });
  issues.addIssues(chart.overrideIssues());
}
