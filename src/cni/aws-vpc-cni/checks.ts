/**
 * AWS VPC CNI checks: aws-node's own env validation, IP family, custom networking (ENIConfigs, zones), MTU, SNAT
 * exclusions and the EKS notices; capacity (max pods, ENIs, subnet headroom) is in capacity-checks.ts. Every finding is
 * a rule of rules.ts.
 */
import type { IssueCollector } from '../../spec/issues';
import { checkDns1123Subdomain } from '../../spec/k8s-names';
import { ipTargetSet } from '../../plan/aws-capacity';
import { Cidr } from '../../plan/cidr';
import { parseCidrAt, parseCidrList } from '../../plan/ip-plan';
import { validateCapacity } from './capacity-checks';
import { SG_ID, SUBNET_ID } from './ids';
import { validatePodSecurityGroups } from './pod-security-groups';
import { awsIpv6 } from './plan';
import { AWS_RULES as R } from './rules';
import type { AwsVpcCniNetwork } from './settings';

/** Node labels whose value is the availability zone: ENIConfig names then are zone names. */
export const ZONE_LABELS = new Set(['topology.kubernetes.io/zone', 'failure-domain.beta.kubernetes.io/zone']);
/** Values of AWS_VPC_K8S_CNI_VETHPREFIX aws-node refuses (cmd/aws-vpc-cni/main.go validateEnvVars). */
export const RESERVED_VETH_PREFIXES: readonly string[] = ['eth', 'lo', 'vlan'];
/** The MTU range of EC2 ENIs (ANCHORS.md §1.1; jumbo frames are 9001 inside a VPC). */
export const AWS_ENI_MTU = { min: 576, max: 9001 } as const;
/** What EKS accepts for `kubernetesNetworkConfig.serviceIpv4Cidr`: /12 to /24 inside an RFC 1918 range. */
export const EKS_SERVICE_RANGE = { shortest: 12, longest: 24, within: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } as const;
/** Where EKS takes IPv6 service addresses from (it picks the range itself). */
export const EKS_IPV6_SERVICE_RANGE = 'fc00::/7';

/** The zones custom networking must cover: `availabilityZones` when given, else the ENIConfig names (zone label only). */
export function awsEniConfigZones(n: AwsVpcCniNetwork): readonly string[] | undefined {
  const cn = n.spec.cni.customNetworking;
  if (!cn.enabled || !ZONE_LABELS.has(cn.eniConfigLabelDef)) return undefined;
  return n.spec.cni.availabilityZones ?? cn.eniConfigs.map((e) => e.name);
}

/** aws-node's own start-up checks (validateEnvVars) and ipamd's isConfigValid. */
function validateStartup(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  const c = n.spec.cni;
  if (RESERVED_VETH_PREFIXES.includes(c.vethPrefix)) issues.report(R.reservedVethPrefix, 'spec.cni.vethPrefix', { value: c.vethPrefix });
  if (c.prefixDelegation.enabled && c.prefixDelegation.warmPrefixTarget === 0 && !ipTargetSet(c.warmIPTarget) && !ipTargetSet(c.minimumIPTarget)) {
    issues.report(R.prefixDelegationWithoutWarmTarget, 'spec.cni.prefixDelegation.warmPrefixTarget');
  }
  const fam = n.spec.ipFamilies;
  if (fam.length > 1) issues.report(R.singleIpFamily, 'spec.ipFamilies', { families: fam.join(', ') });
  if (!awsIpv6(n)) return;
  if (!c.prefixDelegation.enabled) issues.report(R.ipv6NeedsPrefixDelegation, 'spec.cni.prefixDelegation.enabled');
  if (c.customNetworking.enabled) issues.report(R.ipv6WithoutCustomNetworking, 'spec.cni.customNetworking.enabled');
  const ignored: Array<[string, boolean]> = [
    ['warmIPTarget', c.warmIPTarget !== undefined],
    ['minimumIPTarget', c.minimumIPTarget !== undefined],
    ['warmENITarget', c.warmENITarget !== 1],
    ['maxENI', c.maxENI !== undefined],
  ];
  for (const [field, given] of ignored) if (given) issues.report(R.ipv6IgnoresWarmTargets, `spec.cni.${field}`, { field });
}

function validateCustomNetworking(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  const cn = n.spec.cni.customNetworking;
  const base = 'spec.cni.customNetworking';
  if (!cn.enabled) {
    if (cn.eniConfigs.length > 0) issues.report(R.eniConfigsIgnored, `${base}.eniConfigs`, { count: cn.eniConfigs.length });
    return;
  }
  if (cn.eniConfigs.length === 0) issues.report(R.eniConfigsRequired, `${base}.eniConfigs`);
  const names = new Map<string, number>();
  // Common checks passed before CNI checks run, so every range here parses.
  const vpc = (n.spec.nodes.cidrs ?? []).map((t) => Cidr.of(t));
  const pods = n.spec.pods.cidrs.map((t) => Cidr.of(t));
  cn.eniConfigs.forEach((e, i) => {
    const p = `${base}.eniConfigs[${i}]`;
    checkDns1123Subdomain(e.name, `${p}.name`, issues);
    const first = names.get(e.name);
    if (first !== undefined) issues.report(R.duplicateEniConfig, `${p}.name`, { name: e.name, first });
    else names.set(e.name, i);
    if (!SUBNET_ID.test(e.subnet)) issues.report(R.subnetId, `${p}.subnet`, { value: JSON.stringify(e.subnet) });
    (e.securityGroups ?? []).forEach((sg, j) => {
      if (!SG_ID.test(sg)) issues.report(R.securityGroupId, `${p}.securityGroups[${j}]`, { value: JSON.stringify(sg) });
    });
    if (e.cidr === undefined) return;
    const c = parseCidrAt(e.cidr, `${p}.cidr`, 'pod', issues, { family: 'IPv4', why: 'custom networking is IPv4-only upstream' })?.cidr;
    if (!c || c.hasHostBits) return;
    if (!vpc.some((v) => v.contains(c))) {
      issues.report(R.eniConfigCidrOutsideVpc, `${p}.cidr`, { cidr: c.toString(), vpc: vpc.map((v) => v.toString()).join(', ') });
    } else if (!pods.some((pc) => pc.contains(c))) {
      issues.report(R.eniConfigCidrOutsidePods, `${p}.cidr`, { cidr: c.toString(), pods: pods.join(', ') });
    }
  });
  if (!ZONE_LABELS.has(cn.eniConfigLabelDef)) {
    if (!names.has('default') && names.size > 0) issues.report(R.eniConfigNodeLabel, `${base}.eniConfigLabelDef`, { label: cn.eniConfigLabelDef, names: [...names.keys()].join(' | ') });
    return;
  }
  // Without availabilityZones the zones are the ENIConfig names, which cover themselves.
  (n.spec.cni.availabilityZones ?? []).forEach((z, i) => {
    if (!names.has(z)) issues.report(R.zoneWithoutEniConfig, `spec.cni.availabilityZones[${i}]`, { zone: z, names: [...names.keys()].join(', ') });
  });
}

/** EKS notices: prefix delegation ordering, a service range EKS would not take. */
function eksNotices(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  if (n.spec.cni.prefixDelegation.enabled && !awsIpv6(n)) issues.report(R.prefixDelegationExistingNodes, 'spec.cni.prefixDelegation.enabled');
  const svc = Cidr.of(n.spec.services.cidrs[0]);
  if (svc.family === 'IPv6') {
    if (!Cidr.of(EKS_IPV6_SERVICE_RANGE).contains(svc)) {
      issues.report(R.eksServiceRange, 'spec.services.cidrs[0]', { cidr: svc.toString(), allowed: `EKS assigns IPv6 service addresses itself from ${EKS_IPV6_SERVICE_RANGE}; use the range it assigned (kubernetesNetworkConfig.serviceIpv6Cidr)` });
    }
    return;
  }
  const inPrivate = EKS_SERVICE_RANGE.within.some((r) => Cidr.of(r).contains(svc));
  if (svc.prefix < EKS_SERVICE_RANGE.shortest || svc.prefix > EKS_SERVICE_RANGE.longest || !inPrivate) {
    issues.report(R.eksServiceRange, 'spec.services.cidrs[0]', {
      cidr: svc.toString(),
      allowed: `kubernetesNetworkConfig.serviceIpv4Cidr must be /${EKS_SERVICE_RANGE.shortest} to /${EKS_SERVICE_RANGE.longest} inside ${EKS_SERVICE_RANGE.within.join(', ')}`,
    });
  }
}

/** Every AWS VPC CNI check (shape and common IP-plan checks have passed); warnings go to the same collector. */
export function validateAws(n: AwsVpcCniNetwork, issues: IssueCollector): void {
  const c = n.spec.cni;
  validateStartup(n, issues);
  if (n.spec.ipFamilies.length > 1) return;
  const mtu = n.spec.nodes.mtu;
  if (mtu > AWS_ENI_MTU.max) issues.report(R.eniMtu, 'spec.nodes.mtu', { mtu, min: awsIpv6(n) ? 1280 : AWS_ENI_MTU.min, max: AWS_ENI_MTU.max });
  if (!c.nodeAgent && c.networkPolicy.enabled) issues.report(R.networkPolicyNeedsNodeAgent, 'spec.cni.nodeAgent');
  parseCidrList(c.excludeSnatCIDRs, 'spec.cni.excludeSnatCIDRs', 'destination', issues, c.excludeSnatCIDRs?.map(() => 'IPv4' as const));
  validateCustomNetworking(n, issues);
  validatePodSecurityGroups(n, issues);
  if (issues.ok) validateCapacity(n, issues);
  if (issues.ok) eksNotices(n, issues);
}
