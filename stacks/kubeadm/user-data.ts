/**
 * The kubeadm cluster's cloud-init user data as functions of the values known only at deployment (CA, token, public
 * IP), so the component can generate it with placeholders at their largest and check the EC2 size limit before it
 * creates anything. Plain data, no Pulumi.
 */
import { controlPlaneUserData, USER_DATA_LIMIT_BYTES, userDataBytes, workerUserData } from '../../src/kubeadm/cloud-init';
import { CLUSTER_RULES } from '../../src/platforms/rules';
import { issueOf, type SpecIssue } from '../../src/spec/issues';
import type { ResolvedClusterNetwork } from '../../src/spec/resolve';
import type { KubeadmConfig } from '../options';

/** The cloud-init scripts of the control plane and the workers, from the values only known at deployment. */
export interface KubeadmScripts {
  controlPlane(caCertPem: string, token: string, publicIp: string, region: string): string;
  worker(caCertPem: string, token: string, caCertHash: string): string;
}

export function kubeadmScripts(network: ResolvedClusterNetwork, cfg: KubeadmConfig, cpIp: string, caKeyParameter: string): KubeadmScripts {
  return {
    controlPlane: (caCertPem, token, publicIp, region) =>
      controlPlaneUserData({
        network,
        caCertPem,
        caKey: { ssmParameter: caKeyParameter, region },
        init: { kubernetesVersion: cfg.kubernetesVersion, bootstrapToken: token, bootstrapTokenTtl: cfg.bootstrapTokenTtl, advertiseAddress: cpIp, controlPlaneEndpoint: `${cpIp}:6443`, apiServerCertSANs: [publicIp, cpIp] },
      }),
    worker: (caCertPem, token, caCertHash) => workerUserData({ network, kubernetesVersion: cfg.kubernetesVersion, caCertPem, join: { apiServerEndpoint: `${cpIp}:6443`, token, caCertHashes: [caCertHash] } }),
  };
}

/** A CA certificate PEM longer than the generated RSA-2048 CA (about 1.1 KiB), for sizing before it exists. */
const LARGEST_CA_PEM = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(64).concat('\n').repeat(30)}-----END CERTIFICATE-----\n`;

export function checkUserDataSizes(scripts: KubeadmScripts): SpecIssue[] {
  const token = 'abcdef.0123456789abcdef';
  const sizes: Array<[string, string]> = [
    ['control plane', scripts.controlPlane(LARGEST_CA_PEM, token, '255.255.255.255', 'ap-southeast-44')],
    ['worker', scripts.worker(LARGEST_CA_PEM, token, `sha256:${'f'.repeat(64)}`)],
  ];
  return sizes.flatMap(([node, script]) => {
    const bytes = userDataBytes(script);
    return bytes > USER_DATA_LIMIT_BYTES ? [issueOf(CLUSTER_RULES.kubeadmUserDataSize, 'spec', { node, bytes, limit: USER_DATA_LIMIT_BYTES })] : [];
  });
}

