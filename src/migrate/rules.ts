/**
 * What `cdk8s-cni migrate` refuses: changes a CNI swap in place cannot make safely. Paths are `from.` / `to.` plus the
 * spec path, naming the file the problem is in.
 */
import { defineRule } from '../rules/rule';

const RUNBOOK = 'docs/migration.md (what migrate refuses)';

/** What `cdk8s-cni migrate` refuses (docs/migration.md), in the rule catalogue. */
export const MIGRATE_RULES = {
  managedCloudCni: defineRule<{ type: string; side: string }>({
    id: 'migrate/managed-cloud-cni',
    severity: 'error',
    path: '{from,to}.spec.cni.type',
    summary: 'A cloud-managed CNI (AWS VPC CNI, Azure CNI) is not swapped in place.',
    source: {
      contract: `${RUNBOOK}: pods of a cloud CNI take VPC/VNet addresses and the cloud (EKS add-on, AKS networkProfile) owns its install; moving to or from it means new node pools or a new cluster, not an in-place runbook`,
    },
    message: (p) => `${p.type} is a cloud-managed CNI (the ${p.side} spec): it cannot be swapped in place (allowed: self-managed CNIs; move workloads to node pools or a cluster built with the new CNI instead)`,
  }),
  sameCni: defineRule<{ type: string }>({
    id: 'migrate/same-cni',
    severity: 'error',
    path: 'to.spec.cni.type',
    summary: 'Both specs use the same CNI: that is an update, not a migration.',
    source: { contract: `${RUNBOOK}: migrate replaces one CNI with another; a changed spec of the same CNI is applied with synth and kubectl apply` },
    message: (p) => `both specs use ${p.type}: this is an update of the same CNI, not a migration (allowed: a different spec.cni.type; apply the new spec with \`cdk8s-cni synth\` and \`kubectl apply\`)`,
  }),
  serviceRangeChanged: defineRule<{ from: string; to: string }>({
    id: 'migrate/service-range-changed',
    severity: 'error',
    path: 'to.spec.services.cidrs',
    summary: 'The Service range must stay the same across a CNI migration.',
    source: {
      contract: `${RUNBOOK}: the Service range is kube-apiserver's --service-cluster-ip-range, not the CNI's; changing it renumbers every Service and the cluster DNS address, a separate change`,
    },
    message: (p) => `the Service range changes (${p.from} -> ${p.to}): it belongs to kube-apiserver, not the CNI, and cannot change during a CNI migration (allowed: the same services.cidrs as the old spec; change the Service range separately)`,
  }),
  ipFamiliesChanged: defineRule<{ from: string; to: string }>({
    id: 'migrate/ip-families-changed',
    severity: 'error',
    path: 'to.spec.ipFamilies',
    summary: "The cluster's IP families (IPv4, IPv6, dual-stack) must stay the same across a CNI migration.",
    source: {
      contract: `${RUNBOOK}: a cluster's IP families are set in kube-apiserver, kube-controller-manager and every node's kubelet; a CNI migration keeps them`,
    },
    message: (p) => `the IP families change (${p.from} -> ${p.to}): the cluster's families are set outside the CNI and cannot change during a CNI migration (allowed: the same ipFamilies, in the same order, as the old spec)`,
  }),
  podRangeNodeCidr: defineRule<{ from: string; to: string; type: string }>({
    id: 'migrate/pod-range-node-cidr',
    severity: 'error',
    path: 'to.spec.pods.cidrs',
    summary: "The pod range cannot change when the new CNI takes each node's range from Node.spec.podCIDRs.",
    source: {
      upstream:
        'kubernetes/kubernetes issue #75461: kube-controller-manager with a --cluster-cidr that does not contain the podCIDRs of existing Nodes fails to start (the range allocator cannot occupy them), and Node.spec.podCIDRs cannot change once set',
    },
    message: (p) =>
      `the pod range changes (${p.from} -> ${p.to}) and ${p.type} takes each node's pod range from Node.spec.podCIDRs: those cannot change on registered Nodes, and moving kube-controller-manager's --cluster-cidr while Nodes keep old podCIDRs makes it crash-loop (kubernetes/kubernetes#75461) (allowed: the old spec's pods.cidrs ${p.from}; or a new CNI with its own IPAM; renumber by replacing the nodes, or in a separate change after the migration)`,
  }),
  tunnelPortClash: defineRule<{ port: number; from: string; to: string }>({
    id: 'migrate/tunnel-port-clash',
    severity: 'error',
    path: 'to.spec.cni.tunnelPort',
    summary: 'The new CNI\'s overlay must not use the UDP port of the old one while both run during the migration.',
    source: {
      upstream:
        "cilium/cilium Documentation/installation/k8s-install-migration.rst (values-migration.yaml: tunnelPort 8473, to change when both networks use the same port by default, as Flannel's and Cilium's VXLAN both use 8472); a second VXLAN device on a port in use fails with 'address already in use'",
    },
    message: (p) =>
      `${p.to}'s overlay uses UDP port ${p.port}, as ${p.from}'s does: both run on every node until the last one is migrated, and two tunnel devices on one port conflict (allowed: another port, e.g. ${p.port + 1}, as Cilium's migration guide uses 8473 next to Flannel's 8472)`,
  }),
};
