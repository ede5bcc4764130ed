import { describe, expect, it } from 'vitest';
import { newToken } from './auth/tokens.js';
import { createLogger } from './log.js';
import { redactLogLine } from './log-redaction.js';

function logged(write: (logger: ReturnType<typeof createLogger>) => void): string {
  const lines: string[] = [];
  const logger = createLogger({ write: (line: string) => lines.push(line) }, 'debug');
  write(logger);
  return lines.join('');
}

describe('log redaction', () => {
  const token = newToken();

  it('removes tokens, secrets, signatures, passwords and query strings from every line, keeping the rest', () => {
    const out = logged((log) => {
      log.info({ token, tokenId: 't_abc' }, 'made');
      log.warn({ url: `/api/webhooks/grafana?token=${token}&x=1`, path: '/api/webhooks/grafana' }, 'refused');
      log.info({ headers: { authorization: `Bearer ${token}`, 'sentry-hook-signature': 'abc123' } }, 'headers');
      log.info({ where: 'postgres://warroom:hunter2@db.internal:5432/warroom' }, 'opened');
      log.error({ err: new Error(`request to https://hub.example/api/incidents?token=${token} failed`) }, 'failed');
      log.info({ signingSecret: 'sentry-client-secret', secret: 's3', password: 'p4' }, 'stored');
    });
    for (const secret of [token, 'hunter2', 'abc123', 'sentry-client-secret', '"s3"', '"p4"', 'x=1'])
      expect(out).not.toContain(secret);
    expect(out).toContain('"tokenId":"t_abc"');
    expect(out).toContain('"path":"/api/webhooks/grafana"');
    expect(out).toContain('/api/webhooks/grafana?[redacted]');
    expect(out).toContain('postgres://warroom:[redacted]@db.internal:5432/warroom');
    // Still one JSON object per line.
    for (const line of out.trim().split('\n')) expect(() => JSON.parse(line) as unknown).not.toThrow();
  });

  it('leaves lines without secrets alone', () => {
    const line = '{"level":30,"msg":"hub listening","url":"http://127.0.0.1:4380","tokenId":"t_1"}';
    expect(redactLogLine(line)).toBe(line);
  });
});
