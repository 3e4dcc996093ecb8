/** The API-server readiness wait of the kubeadm stack: polls /readyz and trusts only the cluster CA. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tempDir } from '../support/cli';
import { waitForApiServer } from '../../stacks/kubeadm/wait-for-api';

/** A throwaway self-signed certificate for 127.0.0.1 (it is its own CA). */
function selfSigned(): { cert: string; key: string } {
  const dir = tempDir('wait-api-');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { cert: readFileSync(join(dir, 'c.pem'), 'utf8'), key: readFileSync(join(dir, 'k.pem'), 'utf8') };
}

const tls = selfSigned();
let server: Server;
let url: string;
let hits = 0;

beforeAll(async () => {
  server = createServer({ cert: tls.cert, key: tls.key }, (req, res) => {
    hits += 1;
    res.statusCode = req.url === '/readyz' && hits > 2 ? 200 : 503;
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
});

test('returns once /readyz answers 200 over TLS verified with the cluster CA', async () => {
  hits = 0;
  await waitForApiServer({ intervalMs: 10, timeoutMs: 5000 })(url, tls.cert);
  expect(hits).toBe(3);
});

test('never trusts a server whose certificate the cluster CA did not sign', async () => {
  const other = readFileSync(join(__dirname, '../fixtures/mock-cluster-ca.crt'), 'utf8');
  hits = 10;
  await expect(waitForApiServer({ intervalMs: 10, timeoutMs: 200 })(url, other)).rejects.toThrow(`API server ${url} was not ready after 0 s`);
  expect(hits).toBe(10); // the TLS handshake failed: no request reached the server
});
