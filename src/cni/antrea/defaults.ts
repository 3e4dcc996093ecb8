/** Antrea props with upstream's defaults filled in (build/charts/antrea/values.yaml v2.7.0). */
import { renderImage } from '../common/images';
import { VERSIONS } from '../common/versions';
import type { AntreaNodeIpamProps, AntreaProps, AntreaProxyProps } from './props';

/** Antrea props with every default filled in (what the construct renders from). */
export interface ResolvedAntreaProps extends Required<Omit<AntreaProps, 'ipsecPskSecret' | 'kubeAPIServerOverride' | 'nodeIPAM' | 'imageRegistry' | 'crdScope' | 'antreaProxy'>> {
  readonly antreaProxy: Required<AntreaProxyProps>;
  readonly ipsecPskSecret?: AntreaProps['ipsecPskSecret'];
  readonly kubeAPIServerOverride?: string;
  readonly nodeIPAM?: AntreaNodeIpamProps;
  readonly images: { readonly agent: string; readonly controller: string };
}

/** Fills in every default. */
export function resolveAntreaProps(props: AntreaProps): ResolvedAntreaProps {
  const image = (ref: string) => renderImage(ref, { imageRegistry: props.imageRegistry, tag: props.version });
  return {
    namespace: props.namespace ?? 'kube-system',
    version: props.version ?? VERSIONS.antrea.version,
    trafficEncapMode: props.trafficEncapMode ?? 'encap',
    tunnelType: props.tunnelType ?? 'geneve',
    tunnelPort: props.tunnelPort ?? 0,
    trafficEncryptionMode: props.trafficEncryptionMode ?? 'none',
    ipsecPskSecret: props.ipsecPskSecret,
    wireGuardPort: props.wireGuardPort ?? 51820,
    noSNAT: props.noSNAT ?? false,
    defaultMTU: props.defaultMTU ?? 0,
    antreaProxy: { enable: props.antreaProxy?.enable ?? true, proxyAll: props.antreaProxy?.proxyAll ?? false, skipServices: props.antreaProxy?.skipServices ?? [] },
    kubeAPIServerOverride: props.kubeAPIServerOverride,
    nodeIPAM: props.nodeIPAM,
    featureGates: props.featureGates ?? {},
    argoSyncWaves: props.argoSyncWaves ?? false,
    images: { agent: image(VERSIONS.antrea.images.agent), controller: image(VERSIONS.antrea.images.controller) },
  };
}
