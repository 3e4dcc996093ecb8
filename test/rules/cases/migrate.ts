/** Cases of the migration refusals (src/migrate/rules.ts): what `cdk8s-cni migrate FROM TO` will not do in place. */
import { migrationIssues } from '../../../src/migrate/checks';
import { resolveClusterNetwork } from '../../../src/spec/validate';
import { specWith, type RuleCase } from '../support';

type Json = Record<string, unknown>;
const migration = (from: Json, to: Json) => () => migrationIssues(resolveClusterNetwork(specWith(from)), resolveClusterNetwork(specWith(to)));
const flannel = { cni: { type: 'flannel' } };
const calico = { cni: { type: 'calico' } };
const eks = { pods: { cidrs: ['10.0.0.0/16'] }, nodes: { cidrs: ['10.0.0.0/16'] }, cni: { type: 'aws-vpc-cni' } };

export const MIGRATE_CASES: RuleCase[] = [
  { rule: 'migrate/managed-cloud-cni', name: 'from the AWS VPC CNI', refuses: migration(eks, calico), accepts: migration(flannel, calico) },
  { rule: 'migrate/same-cni', name: 'flannel to flannel', refuses: migration(flannel, flannel), accepts: migration(flannel, calico) },
  {
    rule: 'migrate/service-range-changed',
    name: 'a new Service range',
    refuses: migration(flannel, { ...calico, services: { cidrs: ['10.100.0.0/16'] } }),
    accepts: migration(flannel, { ...calico, pods: { cidrs: ['10.32.0.0/12'] } }),
  },
  {
    rule: 'migrate/ip-families-changed',
    name: 'IPv4 to dual-stack',
    refuses: migration(flannel, { ...calico, ipFamilies: ['IPv4', 'IPv6'], pods: { cidrs: ['10.244.0.0/16', 'fd00:10:244::/56'] }, services: { cidrs: ['10.96.0.0/12', 'fd00:10:96::/112'] } }),
    accepts: migration(flannel, { ...calico, pods: { cidrs: ['10.32.0.0/12'] } }),
  },
];
