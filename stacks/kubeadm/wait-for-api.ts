/**
 * Waits until a new API server answers `/readyz` with a certificate signed by the cluster CA, so manifests are applied
 * only once `kubeadm init` has finished. Runs during `pulumi up` only (never in previews).
 */
import { request } from 'node:https';

/** Signature of the wait, injectable so mocked runs do not open sockets. */
export type ApiServerWaiter = (server: string, caCertPem: string) => Promise<void>;

function probe(server: string, ca: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${server}/readyz`, { ca, timeout: 5000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** Polls every `intervalMs` for up to `timeoutMs` (default 25 minutes: packages, image pulls and `kubeadm init`). */
export function waitForApiServer(opts: { readonly intervalMs?: number; readonly timeoutMs?: number } = {}): ApiServerWaiter {
  const interval = opts.intervalMs ?? 10_000;
  const timeout = opts.timeoutMs ?? 25 * 60_000;
  return async (server, ca) => {
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if (await probe(server, ca)) return;
      await new Promise((r) => setTimeout(r, interval));
    }
    throw new Error(`API server ${server} was not ready after ${Math.round(timeout / 1000)} s (see /var/log/cloud-init-output.log on the control plane)`);
  };
}
