import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway certificate for 127.0.0.1/localhost (openssl; Node cannot make one). Returns the reason instead when
 * openssl is missing, for the test to print as it skips.
 */
export function makeSelfSignedCert(): { key: string; cert: string } | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'warroom-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore', timeout: 10_000 },
    );
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } catch (error) {
    return {
      skip: `openssl could not make a test certificate: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
