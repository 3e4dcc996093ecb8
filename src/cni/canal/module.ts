/** Canal as a `spec.cni` type: Flannel's data-path checks and traffic, Calico's Felix settings. */
import type { IssueCollector } from '../../spec/issues';
import type { CniModule, NetworkWith } from '../common/cni-module';
import { VERSIONS } from '../common/versions';
import { flannelNetworkProps, flannelNodeTraffic, flannelPodMtu, flannelRoutesNatively, validateFlannelDataPath } from '../common/flannel-data-path/data-path';
import { validateFelix } from '../common/calico-policy/felix-checks';
import { Canal } from './canal';
import { CANAL_RULES } from './rules';
import type { ResolvedCanalCni } from './spec';

type CanalNetwork = NetworkWith<ResolvedCanalCni>;

export const canalModule: CniModule<ResolvedCanalCni> = {
  type: 'canal',
  displayName: (n: CanalNetwork) => `Canal ${n.spec.cni.version ?? VERSIONS.canal.version} (Flannel ${n.spec.cni.flannel.backend}, Calico policy)`,
  podAddressing: () => 'node-cidr',
  podMtu: (n: CanalNetwork) => flannelPodMtu(n, n.spec.cni.flannel),
  validate(n: CanalNetwork, issues: IssueCollector) {
    validateFlannelDataPath(n, n.spec.cni.flannel, 'spec.cni.flannel', issues);
    validateFelix(n.spec.cni.felix, 'spec.cni.felix', issues);
    const felix = n.spec.cni.felix;
    if (felix?.bpfEnabled) issues.report(CANAL_RULES.felixDataPathFeature, 'spec.cni.felix.bpfEnabled', { feature: 'the eBPF data plane', instead: 'use type calico for eBPF' });
    for (const key of ['wireguardEnabled', 'wireguardEnabledV6'] as const) {
      if (felix?.[key]) issues.report(CANAL_RULES.felixDataPathFeature, `spec.cni.felix.${key}`, { feature: 'Felix WireGuard', instead: 'encrypt with spec.cni.flannel.backend wireguard instead' });
    }
  },
  build(scope, n: CanalNetwork, ctx) {
    const cni = n.spec.cni;
    const families = n.spec.ipFamilies;
    new Canal(scope, 'canal', {
      ...flannelNetworkProps(n, cni.flannel),
      version: cni.version,
      imageRegistry: cni.imageRegistry,
      vethMtu: flannelPodMtu(n, cni.flannel),
      ipv6: families.includes('IPv6'),
      ipv4Disabled: !families.includes('IPv4'),
      iface: cni.iface,
      felixConfiguration: cni.felix,
      crdScope: ctx.crdScope(),
      argoSyncWaves: ctx.argoSyncWaves,
    });
  },
  nodeTraffic: (n: CanalNetwork) => flannelNodeTraffic(n.spec.cni.flannel, n.spec.ipFamilies),
  routesNatively: (n: CanalNetwork) => flannelRoutesNatively(n.spec.cni.flannel),
  planRows: (n: CanalNetwork) => [
    { label: 'Canal data path', value: `Flannel ${n.spec.cni.flannel.backend}` },
    { label: 'Canal policy', value: 'Calico Felix (host-local IPAM over the Node podCIDR)' },
  ],
};
