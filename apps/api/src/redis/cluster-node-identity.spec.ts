import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PeerCertificate } from 'node:tls';
import { testCertificates } from '../../test/support/redis-server.js';
import { clusterNodeIdentity } from './redis-connection.js';

/** A certificate for these subjectAltNames (made by openssl), as Node's TLS hands it to the check. */
function certificate(names: string): PeerCertificate {
  const { cert } = testCertificates(mkdtempSync(join(tmpdir(), 'holibot-identity-')), names);
  return new X509Certificate(readFileSync(cert)).toLegacyObject() as PeerCertificate;
}

describe('clusterNodeIdentity: which certificate a cluster node over TLS may show', () => {
  const check = clusterNodeIdentity('redis.example.net');

  it("accepts a node's own name (a cluster that announces host names, one certificate per node)", () => {
    expect(check('node-b.example.net', certificate('DNS:node-b.example.net'))).toBeUndefined();
  });

  it("accepts REDIS_URL's host for a node reached at an IP (one certificate for every node, as managed services issue)", () => {
    expect(check('10.0.0.12', certificate('DNS:redis.example.net'))).toBeUndefined();
    expect(check('10.0.0.12', certificate('DNS:*.example.net'))).toBeUndefined();
  });

  it('refuses a certificate that names neither, with the error about the node itself', () => {
    const error = check('node-b.example.net', certificate('DNS:elsewhere.example.org'));
    expect(error?.message).toContain("Host: node-b.example.net. is not in the cert's altnames: DNS:elsewhere.example.org");
  });
});
