/** Assertions shared by the stack tests: applied objects vs the chart, security-group rules vs the firewall data. */
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import type { KubeObject } from '../../src/synth';
import { nodeRules } from '../../stacks/firewall';
import type { RecordedResource, StackRun } from './pulumi-mocks';

/** The Pulumi type token @pulumi/kubernetes gives an object (`kubernetes:apps/v1:DaemonSet`, `kubernetes:core/v1:Pod`). */
export function k8sType(o: { apiVersion: string; kind: string }): string {
  return `kubernetes:${o.apiVersion.includes('/') ? o.apiVersion : `core/${o.apiVersion}`}:${o.kind}`;
}

/** `namespace/name` or `name`, as ConfigGroup names its children. */
export function k8sName(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name;
}

/** Kubernetes objects the stack registered (children of ConfigGroups and CustomResources), with their inputs. */
export function appliedObjects(run: StackRun): RecordedResource[] {
  return run.resources.filter((r) => r.type.startsWith('kubernetes:') && !r.type.startsWith('kubernetes:yaml:'));
}

/** Ingress rules on a security group, as comparable rows. */
export function ingressRows(run: StackRun, namePrefix: string): Array<{ protocol: string; from?: number; to?: number; source: string }> {
  return run.resources
    .filter((r) => r.type === 'aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule' && r.name.startsWith(namePrefix))
    .map((r) => ({
      protocol: r.inputs.ipProtocol,
      ...(r.inputs.fromPort !== undefined ? { from: r.inputs.fromPort, to: r.inputs.toPort } : {}),
      source: r.inputs.referencedSecurityGroupId ?? r.inputs.cidrIpv4 ?? r.inputs.cidrIpv6,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The security-group rows the node rules of a network must become (ICMP as every type/code: -1/-1). */
export function expectedNodeRows(network: ResolvedClusterNetwork, securityGroupId: string): Array<{ protocol: string; from?: number; to?: number; source: string }> {
  return nodeRules(network).flatMap((r) => {
    const ports = r.fromPort !== undefined ? { from: r.fromPort, to: r.toPort ?? r.fromPort } : r.protocol === '1' ? { from: -1, to: -1 } : {};
    return r.source === 'nodes' ? [{ protocol: r.protocol, ...ports, source: securityGroupId }] : network.spec.pods.cidrs.map((c) => ({ protocol: r.protocol, ...ports, source: c }));
  });
}
