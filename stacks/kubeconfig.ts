/** Kubeconfig documents for the stacks' outputs and Kubernetes providers (always wrapped as Pulumi secrets by callers). */
import { stringify } from 'yaml';

export interface KubeconfigCluster {
  readonly name: string;
  /** API server URL, `https://…`. */
  readonly server: string;
  /** Cluster CA, base64 PEM (`certificate-authority-data`). */
  readonly caData: string;
}

function doc(c: KubeconfigCluster, user: Record<string, unknown>): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: c.name, cluster: { server: c.server, 'certificate-authority-data': c.caData } }],
    contexts: [{ name: c.name, context: { cluster: c.name, user: c.name } }],
    'current-context': c.name,
    users: [{ name: c.name, user }],
  });
}

/** A kubeconfig whose user gets a token from `aws eks get-token` (the caller's AWS credentials). */
export function eksKubeconfig(c: KubeconfigCluster, region?: string): string {
  return doc(c, {
    exec: {
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      command: 'aws',
      args: ['eks', 'get-token', '--cluster-name', c.name, '--output', 'json', ...(region ? ['--region', region] : [])],
      interactiveMode: 'Never',
    },
  });
}

/** A kubeconfig with a client certificate (kubeadm admin). */
export function clientCertKubeconfig(c: KubeconfigCluster, certPem: string, keyPem: string): string {
  const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
  return doc(c, { 'client-certificate-data': b64(certPem), 'client-key-data': b64(keyPem) });
}
