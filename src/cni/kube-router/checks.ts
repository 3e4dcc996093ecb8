/** kube-router's semantic checks: every finding is a rule of {@link KUBE_ROUTER_RULES}. */
import { IpAddress } from '../../plan/cidr';
import type { IssueCollector } from '../../spec/issues';
import type { NetworkWith } from '../common/cni-module';
import { KUBE_ROUTER_DEFAULTS } from './args';
import { CLUSTER_ASN_RANGES, KUBE_ROUTER_RULES as R, PEER_ASN_RANGES } from './rules';
import type { ResolvedKubeRouterCni } from './spec';

const inRanges = (n: number, ranges: ReadonlyArray<readonly [number, number]>) => ranges.some(([a, b]) => n >= a && n <= b);

function checkPeers(cni: ResolvedKubeRouterCni, issues: IssueCollector): void {
  const seen = new Map<string, number>();
  cni.peers.forEach((p, i) => {
    const base = `spec.cni.peers[${i}]`;
    if (!inRanges(p.asn, PEER_ASN_RANGES)) issues.report(R.peerAsnReserved, `${base}.asn`, { asn: p.asn });
    const ip = IpAddress.parse(p.ip);
    if (typeof ip === 'string') return issues.report(R.peerIpInvalid, `${base}.ip`, { ip: p.ip });
    const key = ip.toString();
    const first = seen.get(key);
    if (first !== undefined) issues.report(R.onePeerPerIp, `${base}.ip`, { ip: key, first });
    else seen.set(key, i);
  });
  if (cni.peerPasswordsSecret && cni.peers.length === 0) issues.report(R.passwordPerPeer, 'spec.cni.peerPasswordsSecret', {});
}

/** Checks a kube-router network (shape and the common IP plan have passed). */
export function validateKubeRouter(n: NetworkWith<ResolvedKubeRouterCni>, issues: IssueCollector): void {
  const cni = n.spec.cni;
  if (!cni.runRouter) issues.report(R.routerRequired, 'spec.cni.runRouter', {});
  if (cni.clusterAsn !== undefined && !inRanges(cni.clusterAsn, CLUSTER_ASN_RANGES)) issues.report(R.clusterAsnRange, 'spec.cni.clusterAsn', { asn: cni.clusterAsn });
  checkPeers(cni, issues);
  if (cni.runServiceProxy) {
    if (cni.k8sServiceHost === undefined) issues.report(R.serviceProxyApiServer, 'spec.cni.k8sServiceHost', {});
    issues.report(R.kubeProxyRemoved, 'spec.cni.runServiceProxy', {});
  } else if (cni.k8sServiceHost !== undefined) {
    issues.report(R.apiServerUnused, 'spec.cni.k8sServiceHost', {});
  }
  if (n.spec.ipFamilies[0] === 'IPv6' && cni.routerId === undefined) issues.report(R.ipv6RouterId, 'spec.cni.routerId', {});
  if (!cni.nodesFullMesh && cni.runRouter) issues.report(R.fullMeshNodeAsn, 'spec.cni.nodesFullMesh', {});
  if (cni.overlayEncapPort !== KUBE_ROUTER_DEFAULTS.overlayEncapPort && !(cni.enableOverlay && cni.overlayEncap === 'fou')) {
    issues.report(R.encapPortUnused, 'spec.cni.overlayEncapPort', { port: cni.overlayEncapPort });
  }
}
