/** Cases of the common IP plan rules (src/plan/rules.ts). */
import { requireIPv4Only } from '../../../src/cni/common/ip-families';
import { IssueCollector, type SpecIssue } from '../../../src/spec/issues';
import { resolveClusterNetwork } from '../../../src/spec/validate';
import { specCase, specWith, type RuleCase } from '../support';

/** What the shared IPv4-only check reports for a (valid Flannel) network, as a CNI that supports IPv4 only calls it. */
const ipv4Only = (doc: Record<string, unknown>) => (): readonly SpecIssue[] => {
  const issues = new IssueCollector();
  requireIPv4Only(resolveClusterNetwork(doc), 'an IPv4-only CNI', issues);
  return issues.issues;
};

const ipv6 = (pods: Record<string, unknown>) => specWith({ ipFamilies: ['IPv6'], pods, services: { cidrs: ['fd00:10:96::/112'] } });
const aws = (spec: Record<string, unknown>) =>
  specWith({ pods: { cidrs: ['10.0.0.0/17'], maxPerNode: 29 }, services: { cidrs: ['172.20.0.0/16'] }, nodes: { cidrs: ['10.0.0.0/16'], count: 3 }, cni: { type: 'aws-vpc-cni', nodeInstanceTypes: ['m5.large'] }, ...spec });

export const PLAN_CASES: readonly RuleCase[] = [
  specCase('plan/cidr-syntax', 'a pod range without a prefix', specWith({ pods: { cidrs: ['10.244.0.0'] } }), specWith({ pods: { cidrs: ['10.244.0.0/16'] } })),
  specCase('plan/cidr-count-per-family', 'two IPv4 pod ranges on a single-stack cluster', specWith({ pods: { cidrs: ['10.244.0.0/16', '10.245.0.0/16'] } }), specWith({})),
  specCase('plan/cidr-family', 'an IPv6 pod range where ipFamilies says IPv4', specWith({ pods: { cidrs: ['fd00:10:244::/56'] } }), specWith({})),
  specCase(
    'plan/cidr-ipv4-mapped',
    'an IPv4-mapped IPv6 Service range',
    specWith({ ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['::ffff:10.96.0.0/108'] } }),
    specWith({ ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: { cidrs: ['fd00:10:96::/108'] } }),
  ),
  specCase('plan/cidr-host-bits', 'a pod range with host bits', specWith({ pods: { cidrs: ['10.244.1.0/16'] } }), specWith({ pods: { cidrs: ['10.244.0.0/16'] } })),
  specCase(
    'plan/duplicate-family',
    'ipFamilies [IPv4, IPv4]',
    specWith({ ipFamilies: ['IPv4', 'IPv4'], pods: { cidrs: ['10.244.0.0/16', '10.245.0.0/16'] }, services: { cidrs: ['10.96.0.0/16', '10.97.0.0/16'] } }),
    specWith({ ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/16', 'fd00:10:96::/112'] } }),
  ),
  specCase(
    'plan/service-cidrs-required',
    'IPv6-only without service ranges',
    specWith({ ipFamilies: ['IPv6'], pods: { cidrs: ['fd00:10:244::/56'] }, services: undefined }),
    ipv6({ cidrs: ['fd00:10:244::/56'] }),
  ),
  specCase('plan/service-range-too-large', 'a /11 Service range', specWith({ services: { cidrs: ['10.96.0.0/11'] } }), specWith({ services: { cidrs: ['10.96.0.0/12'] } })),
  specCase('plan/ranges-overlap', 'the Service range inside the pod range', specWith({ services: { cidrs: ['10.244.128.0/20'] } }), specWith({})),
  specCase('plan/node-ranges-overlap', 'a node range inside another (a warning)', specWith({ nodes: { cidrs: ['192.168.0.0/16', '192.168.1.0/24'] } }), specWith({ nodes: { cidrs: ['192.168.0.0/16', '172.16.0.0/16'] } })),
  specCase('plan/underlay-required', 'aws-vpc-cni without the VPC ranges', aws({ nodes: { count: 3 } }), aws({})),
  specCase('plan/pods-outside-underlay', 'aws-vpc-cni pods outside the VPC', aws({ pods: { cidrs: ['10.1.0.0/17'], maxPerNode: 29 } }), aws({})),
  specCase('plan/node-mask-shorter-than-range', 'a /12 node block from a /16 pod range', specWith({ pods: { nodeMaskSize: 12 } }), specWith({ pods: { nodeMaskSize: 16, maxPerNode: 110 } })),
  specCase(
    'plan/ipv6-node-mask-too-long',
    'an IPv6 node mask 24 bits longer than the pod range (kube-controller-manager cidrset)',
    ipv6({ cidrs: ['fd00:10:244::/56'], nodeMaskSizeIPv6: 80 }),
    ipv6({ cidrs: ['fd00:10:244::/56'], nodeMaskSizeIPv6: 72 }),
  ),
  specCase(
    'plan/ipv6-node-mask-too-long',
    'an IPv4 node mask 18 bits longer than the pod range is not refused (the cidrset limit is IPv6 only)',
    ipv6({ cidrs: ['fd00:10:244::/104'], nodeMaskSizeIPv6: 121 }),
    specWith({ pods: { cidrs: ['100.64.0.0/10'], nodeMaskSize: 28, maxPerNode: 13 } }),
  ),
  specCase('plan/too-few-node-blocks', '300 nodes, 256 /24 blocks', specWith({ nodes: { count: 300 } }), specWith({ nodes: { count: 256 } })),
  specCase('plan/max-pods-exceed-node-block', '110 pods in a /26 block', specWith({ pods: { nodeMaskSize: 26 } }), specWith({ pods: { nodeMaskSize: 26, maxPerNode: 61 } })),
  specCase('plan/service-range-too-small', 'a /30 primary Service range', specWith({ services: { cidrs: ['10.96.0.0/30'], dnsIP: '10.96.0.2' } }), specWith({ services: { cidrs: ['10.96.0.0/29'], dnsIP: '10.96.0.2' } })),
  specCase('plan/dns-ip-required', 'a /29 Service range without a DNS IP', specWith({ services: { cidrs: ['10.96.0.0/29'] } }), specWith({ services: { cidrs: ['10.96.0.0/28'] } })),
  specCase('plan/dns-ip-invalid', 'a DNS IP that is not an address', specWith({ services: { dnsIP: 'ten' } }), specWith({ services: { dnsIP: '10.96.0.10' } })),
  specCase('plan/dns-ip-outside-service-range', 'a DNS IP outside the Service range', specWith({ services: { dnsIP: '10.112.0.10' } }), specWith({ services: { dnsIP: '10.96.0.10' } })),
  specCase('plan/dns-ip-reserved', 'the kubernetes Service address as DNS IP', specWith({ services: { dnsIP: '10.96.0.1' } }), specWith({ services: { dnsIP: '10.96.0.2' } })),
  specCase('plan/mtu-out-of-range', 'an underlay MTU of 500', specWith({ nodes: { mtu: 500 } }), specWith({ nodes: { mtu: 1500 } })),
  specCase('plan/mtu-above-jumbo', 'an underlay MTU of 10000 (a warning)', specWith({ nodes: { mtu: 10000 } }), specWith({ nodes: { mtu: 9000 } })),
  specCase('plan/max-count-below-count', 'maxCount 2 for 3 nodes', specWith({ nodes: { count: 3, maxCount: 2 } }), specWith({ nodes: { count: 3, maxCount: 3 } })),
  { rule: 'plan/ipv4-only-cni', name: 'an IPv6 network for a CNI this release supports on IPv4 only', refuses: ipv4Only(ipv6({ cidrs: ['fd00:10:244::/56'] })), accepts: ipv4Only(specWith({})) },
  specCase('plan/dns1123-label', 'an upper-case metadata.name', { ...specWith({}), metadata: { name: 'Bad_Name' } }, specWith({})),
  specCase(
    'plan/dns1123-subdomain',
    'a Calico pool name with an underscore',
    specWith({ cni: { type: 'calico', ipPools: [{ name: 'pods_a', cidr: '10.244.0.0/16' }] } }),
    specWith({ cni: { type: 'calico', ipPools: [{ name: 'pods-a', cidr: '10.244.0.0/16' }] } }),
  ),
];
