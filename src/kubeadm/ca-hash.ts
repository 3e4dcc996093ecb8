/** The `--discovery-token-ca-cert-hash` pin of a CA: SHA-256 of its DER SubjectPublicKeyInfo, as kubeadm computes it. */
import { createHash, X509Certificate } from 'node:crypto';

/** `sha256:<hex>` for a PEM CA certificate. */
export function caCertHash(caCertPem: string): string {
  const spki = new X509Certificate(caCertPem).publicKey.export({ type: 'spki', format: 'der' });
  return `sha256:${createHash('sha256').update(spki).digest('hex')}`;
}
