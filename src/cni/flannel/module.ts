/** Flannel as a `spec.cni` type: spec → props, Flannel-specific checks, plan rows. */
import type { IssueCollector } from '../../spec/issues';
import type { CniModule, NetworkWith } from '../common/cni-module';
import { flannelNetworkProps, flannelNodeTraffic, flannelPodMtu, flannelRoutesNatively, flannelSubnetEnvMtu, validateFlannelDataPath } from '../common/flannel-data-path/data-path';
import { VERSIONS } from '../common/versions';
import { Flannel } from './flannel';
import type { ResolvedFlannelCni } from './spec';

type FlannelNetwork = NetworkWith<ResolvedFlannelCni>;

export const flannelModule: CniModule<ResolvedFlannelCni> = {
  type: 'flannel',
  displayName: (n: FlannelNetwork) => `Flannel ${n.spec.cni.version ?? VERSIONS.flannel.version} (${n.spec.cni.backend})`,
  podAddressing: () => 'node-cidr',
  podMtu: (n: FlannelNetwork) => flannelPodMtu(n, n.spec.cni),
  validate(n: FlannelNetwork, issues: IssueCollector) {
    validateFlannelDataPath(n, n.spec.cni, 'spec.cni', issues);
  },
  build(scope, n: FlannelNetwork) {
    const cni = n.spec.cni;
    // Pods get flanneld's FLANNEL_MTU unless we need less (VXLAN with IPv6: see flannelOverhead).
    const podMtu = flannelPodMtu(n, cni);
    new Flannel(scope, 'flannel', {
      ...(podMtu !== flannelSubnetEnvMtu(n.spec.nodes.mtu, cni) ? { podMtu } : {}),
      ...flannelNetworkProps(n, cni),
      enableNFTables: cni.enableNFTables,
      version: cni.version,
      imageRegistry: cni.imageRegistry,
    });
  },
  nodeTraffic: (n: FlannelNetwork) => flannelNodeTraffic(n.spec.cni, n.spec.ipFamilies),
  routesNatively: (n: FlannelNetwork) => flannelRoutesNatively(n.spec.cni),
  planRows: (n: FlannelNetwork) => [
    { label: 'Flannel backend', value: n.spec.cni.backend },
    { label: 'Flannel FLANNEL_MTU (flanneld)', value: String(flannelSubnetEnvMtu(n.spec.nodes.mtu, n.spec.cni)) },
  ],
};
