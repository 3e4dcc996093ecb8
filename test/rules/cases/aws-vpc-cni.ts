/** Rule cases of the AWS VPC CNI (src/cni/aws-vpc-cni/rules.ts): one refused (or warned) and one nearby accepted spec each. */
import { patched } from '../../support/reject';
import { eksAddonValuesIssues } from '../../../src/cni/aws-vpc-cni/eks-addon-values';
import { resolveClusterNetwork } from '../../../src/spec/validate';
import { specCase, specWith, type RuleCase } from '../support';

type Json = Record<string, unknown>;

/** A small valid EKS spec: secondary IPs on m5.large nodes, pods in the private half of the VPC. */
const AWS: Json = {
  pods: { cidrs: ['10.0.0.0/17'] },
  services: { cidrs: ['172.20.0.0/16'] },
  nodes: { cidrs: ['10.0.0.0/16'], count: 3 },
  cni: { type: 'aws-vpc-cni', nodeInstanceTypes: ['m5.large'] },
};
const aws = (spec: Json = {}) => specWith(patched(AWS, spec));

const ENI = (name: string, extra: Json = {}) => ({ name, subnet: 'subnet-0a1b2c3d4e5f60001', securityGroups: ['sg-0a1b2c3d4e5f60001'], ...extra });
/** Custom networking: pods in the secondary VPC CIDR 100.64.0.0/16, one ENIConfig per zone. */
const cn = (cni: Json = {}, spec: Json = {}) =>
  aws(patched(patched({ pods: { cidrs: ['100.64.0.0/16'] }, nodes: { cidrs: ['10.0.0.0/16', '100.64.0.0/16'] }, cni: { customNetworking: { enabled: true, eniConfigs: [ENI('us-west-2a')] } } }, { cni }), spec));
const pd = (cni: Json = {}, spec: Json = {}) => aws(patched(patched({ cni: { prefixDelegation: { enabled: true, warmPrefixTarget: 1 } } }, { cni }), spec));
/** The eks-ipv6 example's shape. */
const ipv6 = (cni: Json = {}, spec: Json = {}) =>
  aws(
    patched(
      {
        ipFamilies: ['IPv6'],
        pods: { cidrs: ['2600:1f14:abc:de00::/56'] },
        services: { cidrs: ['fd30:8c1e:4d2a::/108'] },
        nodes: { cidrs: ['10.0.0.0/16', '2600:1f14:abc:de00::/56'] },
        cni: { prefixDelegation: { enabled: true }, ...cni },
      },
      spec,
    ),
  );

const id = (name: string) => `aws-vpc-cni/${name}`;

/** Security groups for pods: podENI with the probe prerequisite, on trunk-capable m5.large nodes. */
const SGP = (extra: Json = {}) => ({ name: 'db', namespace: 'shop', podSelector: { matchLabels: { role: 'db' } }, securityGroups: ['sg-0a1b2c3d4e5f60001'], ...extra });
const sgp = (cni: Json = {}) => aws({ cni: { podENI: true, disableTcpEarlyDemux: true, securityGroupPolicies: [SGP()], ...cni } });
const groups = (count: number) => Array.from({ length: count }, (_, i) => `sg-0a1b2c3d4e5f6${String(i).padStart(4, '0')}`);
/** Issues of the eks-addon-values command for a (valid) spec document. */
const addonIssues = (doc: Json) => () => eksAddonValuesIssues(resolveClusterNetwork(doc));

export const AWS_VPC_CNI_CASES: readonly RuleCase[] = [
  specCase(id('reserved-veth-prefix'), 'vethPrefix eth', aws({ cni: { vethPrefix: 'eth' } }), aws({ cni: { vethPrefix: 'pod' } })),
  specCase(id('prefix-delegation-without-warm-target'), 'warmPrefixTarget 0 alone', pd({ prefixDelegation: { enabled: true, warmPrefixTarget: 0 } }), pd({ prefixDelegation: { enabled: true, warmPrefixTarget: 0 }, warmIPTarget: 4 })),
  specCase(
    id('single-ip-family'),
    'dual stack',
    aws({ ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.0.0.0/17', '2600:1f14:abc:de00::/56'] }, services: { cidrs: ['172.20.0.0/16', 'fd30:8c1e:4d2a::/108'] }, nodes: { cidrs: ['10.0.0.0/16', '2600:1f14:abc:de00::/56'] } }),
    aws(),
  ),
  specCase(id('ipv6-needs-prefix-delegation'), 'IPv6 without prefix delegation', ipv6({ prefixDelegation: { enabled: false } }), ipv6()),
  specCase(id('ipv6-without-custom-networking'), 'IPv6 with custom networking', ipv6({ customNetworking: { enabled: true, eniConfigs: [ENI('us-west-2a')] } }), ipv6()),
  specCase(id('ipv6-needs-nitro'), 'IPv6 on m4.large', ipv6({ nodeInstanceTypes: ['m4.large'] }), ipv6({ nodeInstanceTypes: ['m5.large'] })),
  specCase(id('ipv6-ignores-warm-targets'), 'warmIPTarget with IPv6', ipv6({ warmIPTarget: 5 }), ipv6()),
  specCase(id('prefix-delegation-non-nitro'), 'prefix delegation on t2.medium', pd({ nodeInstanceTypes: ['m5.large', 't2.medium'] }), pd({ nodeInstanceTypes: ['m5.large', 't3.medium'] })),
  specCase(id('eni-configs-required'), 'custom networking without ENIConfigs', cn({ customNetworking: { enabled: true, eniConfigs: [] } }), cn()),
  specCase(id('eni-configs-ignored'), 'ENIConfigs with custom networking off', aws({ cni: { customNetworking: { enabled: false, eniConfigs: [ENI('us-west-2a')] } } }), aws()),
  specCase(id('duplicate-eni-config'), 'two ENIConfigs named us-west-2a', cn({ customNetworking: { eniConfigs: [ENI('us-west-2a'), ENI('us-west-2a')] } }), cn({ customNetworking: { eniConfigs: [ENI('us-west-2a'), ENI('us-west-2b')] } })),
  specCase(id('subnet-id'), 'a subnet name instead of its ID', cn({ customNetworking: { eniConfigs: [ENI('us-west-2a', { subnet: 'pods-a' })] } }), cn()),
  specCase(id('security-group-id'), 'a security group name instead of its ID', cn({ customNetworking: { eniConfigs: [ENI('us-west-2a', { securityGroups: ['default'] })] } }), cn()),
  specCase(id('eni-config-cidr-outside-vpc'), 'an ENIConfig CIDR outside the VPC', cn({ customNetworking: { eniConfigs: [ENI('us-west-2a', { cidr: '100.65.0.0/18' })] } }), cn({ customNetworking: { eniConfigs: [ENI('us-west-2a', { cidr: '100.64.0.0/18' })] } })),
  specCase(
    id('eni-config-cidr-outside-pods'),
    'an ENIConfig CIDR in the VPC but outside the pod ranges',
    cn({ customNetworking: { eniConfigs: [ENI('us-west-2a', { cidr: '100.64.128.0/18' })] } }, { pods: { cidrs: ['100.64.0.0/17'] } }),
    cn({ customNetworking: { eniConfigs: [ENI('us-west-2a', { cidr: '100.64.0.0/18' })] } }, { pods: { cidrs: ['100.64.0.0/17'] } }),
  ),
  specCase(id('zone-without-eni-config'), 'a zone without an ENIConfig', cn({ availabilityZones: ['us-west-2a', 'us-west-2b'] }), cn({ availabilityZones: ['us-west-2a'] })),
  specCase(id('eni-config-node-label'), 'a node label other than the zone', cn({ customNetworking: { eniConfigLabelDef: 'k8s.amazonaws.com/eniConfig' } }), cn()),
  specCase(
    id('unknown-instance-type'),
    'a type outside the table without limits',
    aws({ cni: { nodeInstanceTypes: ['z9.mega'] } }),
    aws({ cni: { nodeInstanceTypes: ['z9.mega'], instanceLimits: { 'z9.mega': { enis: 4, ipv4PerEni: 15, vcpus: 8, nitro: true } } } }),
  ),
  specCase(id('no-eni-for-pods'), 'custom networking with maxENI 1', cn({ maxENI: 1 }, { pods: { maxPerNode: 2 } }), cn({ maxENI: 2 }, { pods: { maxPerNode: 11 } })),
  specCase(id('max-pods-above-addresses'), 'maxPerNode 30 on m5.large', aws({ pods: { maxPerNode: 30 } }), aws({ pods: { maxPerNode: 29 } })),
  specCase(id('max-pods-above-recommended'), 'maxPerNode 200 with prefix delegation on m5.large', pd({}, { pods: { maxPerNode: 200 } }), pd({}, { pods: { maxPerNode: 110 } })),
  specCase(id('minimum-ip-target-without-warm'), 'minimumIPTarget 10 alone', aws({ cni: { minimumIPTarget: 10 } }), aws({ cni: { minimumIPTarget: 10, warmIPTarget: 1 } })),
  specCase(id('subnet-exhausted'), 'a /26 for 3 nodes of 30 addresses', aws({ pods: { cidrs: ['10.0.0.0/26'] } }), aws()),
  specCase(id('subnet-fragmentation'), 'a /21 whose /28s hold 15 nodes only if ENI primaries pack', pd({}, { pods: { cidrs: ['10.0.0.0/21'] }, nodes: { maxCount: 15 } }), pd({}, { pods: { cidrs: ['10.0.0.0/21'] }, nodes: { maxCount: 14 } })),
  specCase(id('prefix-delegation-existing-nodes'), 'prefix delegation on', pd(), aws()),
  specCase(id('eks-service-range'), 'a /16 outside RFC 1918', aws({ services: { cidrs: ['100.64.0.0/16'] } }), aws()),
  specCase(id('eni-mtu'), 'a 9216 MTU', aws({ nodes: { mtu: 9216 } }), aws({ nodes: { mtu: 9001 } })),
  specCase(id('network-policy-needs-node-agent'), 'network policy without the node agent', aws({ cni: { nodeAgent: false, networkPolicy: { enabled: true } } }), aws({ cni: { nodeAgent: false } })),
  specCase(id('pod-eni-trunking'), 'podENI on t3.large only', sgp({ nodeInstanceTypes: ['t3.large'] }), sgp({ nodeInstanceTypes: ['m5.large', 't3.large'] })),
  specCase(id('pod-eni-trunking-mixed'), 'podENI on m5.large and t3.large', sgp({ nodeInstanceTypes: ['m5.large', 't3.large'] }), sgp({ nodeInstanceTypes: ['m5.large', 'c6i.large'] })),
  specCase(id('pod-eni-tcp-early-demux'), 'podENI (strict by default) without DISABLE_TCP_EARLY_DEMUX', sgp({ disableTcpEarlyDemux: false }), sgp()),
  specCase(id('security-group-policies-need-pod-eni'), 'a SecurityGroupPolicy without podENI', sgp({ podENI: false }), sgp()),
  specCase(id('duplicate-security-group-policy'), 'two policies shop/db', sgp({ securityGroupPolicies: [SGP(), SGP()] }), sgp({ securityGroupPolicies: [SGP(), SGP({ namespace: 'billing' })] })),
  specCase(id('security-group-policy-group-count'), '17 security groups', sgp({ securityGroupPolicies: [SGP({ securityGroups: groups(17) })] }), sgp({ securityGroupPolicies: [SGP({ securityGroups: groups(16) })] })),
  specCase(id('security-group-policy-group-id'), 'a security group name instead of its ID', sgp({ securityGroupPolicies: [SGP({ securityGroups: ['db-sg'] })] }), sgp()),
  specCase(
    id('security-group-policy-without-selector'),
    'a policy with neither selector',
    sgp({ securityGroupPolicies: [SGP({ podSelector: undefined })] }),
    sgp({ securityGroupPolicies: [SGP({ podSelector: undefined, serviceAccountSelector: { matchLabels: { app: 'db' } } })] }),
  ),
  { rule: id('eks-addon-values-needs-aws-vpc-cni'), name: 'eks-addon-values on a Flannel spec', refuses: addonIssues(specWith({})), accepts: addonIssues(aws()) },
];
