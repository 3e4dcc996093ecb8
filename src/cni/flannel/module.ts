/** Flannel as a `spec.cni` type: spec → props, Flannel-specific checks, plan rows. */
import type { IssueCollector } from '../../spec/issues';
import type { CniModule, NetworkWith } from '../common/cni-module';
import { flannelNetworkProps, flannelNodeTraffic, flannelOverhead, flannelRoutesNatively, validateFlannelDataPath } from '../common/flannel-data-path/data-path';
import { VERSIONS } from '../common/versions';
import { Flannel } from './flannel';
import type { ResolvedFlannelCni } from './spec';

type FlannelNetwork = NetworkWith<ResolvedFlannelCni>;

export const flannelModule: CniModule<ResolvedFlannelCni> = {
  type: 'flannel',
  displayName: (n: FlannelNetwork) => `Flannel ${n.spec.cni.version ?? VERSIONS.flannel.version} (${n.spec.cni.backend})`,
  podAddressing: () => 'node-cidr',
  podMtu: (n: FlannelNetwork) => n.spec.nodes.mtu - flannelOverhead(n.spec.cni, n.spec.ipFamilies),
  validate(n: FlannelNetwork, issues: IssueCollector) {
    validateFlannelDataPath(n, n.spec.cni, 'spec.cni', issues);
  },
  build(scope, n: FlannelNetwork) {
    const cni = n.spec.cni;
    new Flannel(scope, 'flannel', {
      ...flannelNetworkProps(n, cni),
      enableNFTables: cni.enableNFTables,
      version: cni.version,
      imageRegistry: cni.imageRegistry,
    });
  },
  nodeTraffic: (n: FlannelNetwork) => flannelNodeTraffic(n.spec.cni, n.spec.ipFamilies),
  routesNatively: (n: FlannelNetwork) => flannelRoutesNatively(n.spec.cni),
  planRows: (n: FlannelNetwork) => [{ label: 'Flannel backend', value: n.spec.cni.backend }],
};
