/** The `cdk8s-cni plan` report: the IP plan as a Markdown table and a Mermaid diagram of the ranges. */
import type { CniModule, PlanRow } from '../cni/common/cni-module';
import { cniModuleFor } from '../cni/registry';
import type { ResolvedClusterNetwork } from '../spec/resolve';
import { Cidr } from '../plan/cidr';
import { fmt } from '../cni/common/format';
import { usablePodAddresses } from '../plan/ip-plan';

/** The rows of the plan table (also used by tests and the Pulumi stacks' outputs). */
export function planRows(n: ResolvedClusterNetwork, module: CniModule = cniModuleFor(n.spec.cni.type)): PlanRow[] {
  const { spec } = n;
  const rows: PlanRow[] = [
    { label: 'CNI', value: module.displayName(n) },
    { label: 'IP families', value: spec.ipFamilies.join(', ') },
  ];
  const addressing = module.podAddressing(n);
  spec.pods.cidrs.forEach((text) => {
    const c = Cidr.of(text);
    rows.push({ label: `Pod range (${c.family})`, value: `${c} (${fmt(c.size)} addresses)` });
    if (addressing === 'node-cidr') {
      const mask = c.family === 'IPv4' ? spec.pods.nodeMaskSize : spec.pods.nodeMaskSizeIPv6;
      rows.push({ label: `Per-node block (${c.family})`, value: `/${mask} (${fmt(usablePodAddresses(c.family, mask))} usable addresses)` });
      rows.push({ label: `Max nodes (${c.family})`, value: `${fmt(c.countBlocks(mask))} (planned: ${spec.nodes.count}, ceiling ${spec.nodes.maxCount})` });
    }
  });
  rows.push({ label: 'Pods per node (kubelet maxPods)', value: String(spec.pods.maxPerNode) });
  spec.services.cidrs.forEach((text) => {
    const c = Cidr.of(text);
    rows.push({ label: `Service range (${c.family})`, value: `${c} (${fmt(c.size)} addresses)` });
  });
  rows.push({ label: 'Cluster DNS IP', value: spec.services.dnsIP });
  for (const text of spec.nodes.cidrs ?? []) rows.push({ label: 'Node range', value: Cidr.of(text).toString() });
  rows.push({ label: 'Underlay MTU', value: String(spec.nodes.mtu) });
  rows.push({ label: 'Pod MTU', value: String(module.podMtu(n)) });
  rows.push(...(module.planRows?.(n) ?? []));
  return rows;
}

function mermaid(n: ResolvedClusterNetwork, module: CniModule): string {
  const { spec } = n;
  const lines = ['```mermaid', 'flowchart TB'];
  const addressing = module.podAddressing(n);
  const pods = spec.pods.cidrs.map((t, i) => ({ id: `pods${i}`, c: Cidr.of(t) }));
  const nodes = (spec.nodes.cidrs ?? []).map((t, i) => ({ id: `nodes${i}`, c: Cidr.of(t) }));
  for (const nd of nodes) {
    lines.push(`  subgraph ${nd.id}["Nodes ${nd.c}"]`);
    if (addressing === 'underlay') for (const p of pods.filter((x) => nd.c.contains(x.c))) lines.push(`    ${p.id}["Pods ${p.c}"]`);
    lines.push('  end');
  }
  for (const p of pods) {
    if (addressing === 'underlay' && nodes.some((nd) => nd.c.contains(p.c))) continue;
    const mask = p.c.family === 'IPv4' ? spec.pods.nodeMaskSize : spec.pods.nodeMaskSizeIPv6;
    lines.push(`  subgraph ${p.id}["Pods ${p.c}"]`);
    if (addressing === 'node-cidr') lines.push(`    ${p.id}b["${fmt(p.c.countBlocks(mask))} node blocks of /${mask}"]`);
    else lines.push(`    ${p.id}b["allocated by ${n.spec.cni.type} IPAM"]`);
    lines.push('  end');
  }
  spec.services.cidrs.forEach((t, i) => {
    lines.push(`  subgraph svc${i}["Services ${Cidr.of(t)}"]`);
    if (i === 0) lines.push(`    dns["DNS ${spec.services.dnsIP}"]`);
    lines.push('  end');
  });
  lines.push('```');
  return lines.join('\n');
}

/** Renders the whole plan as Markdown. */
export function renderPlan(n: ResolvedClusterNetwork): string {
  const module = cniModuleFor(n.spec.cni.type);
  const rows = planRows(n, module);
  const table = ['| | |', '|---|---|', ...rows.map((r) => `| ${r.label} | ${r.value.replace(/\|/g, '\\|')} |`)];
  return [`# IP plan: ${n.metadata.name}`, '', ...table, '', mermaid(n, module), ...(module.planSections?.(n) ?? []).flatMap((s) => ['', s]), ''].join('\n');
}
