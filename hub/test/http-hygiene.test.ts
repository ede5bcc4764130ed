import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { rawRequest } from './support/raw-http.js';
import { startTestHub, type TestHub } from './support/test-hub.js';
import { createIntegrationToken } from './support/webhooks.js';

describe('malformed URLs and encodings', () => {
  let t: TestHub | null = null;
  afterEach(async () => {
    await t?.close();
    t = null;
  });

  it('answer 400 with a code, never 500, and the URL (with its token) is not logged', async () => {
    const lines: string[] = [];
    t = await startTestHub({ logger: createLogger({ write: (line: string) => lines.push(line) }, 'debug') });
    const integration = await createIntegrationToken(t.dataDir, 'grafana');
    const auth = { authorization: `Bearer ${t.tokens.viewer}` };

    const badUrl = await rawRequest(t.hub.url, `POST //hub:99999/api/webhooks/grafana?token=${integration} HTTP/1.1`);
    expect(badUrl.status).toBe(400);
    expect(JSON.parse(badUrl.body)).toMatchObject({ error: { code: 'bad_url' } });
    expect((await rawRequest(t.hub.url, 'GET //[ HTTP/1.1')).status).toBe(400);

    const badEncoding = await rawRequest(t.hub.url, 'GET /api/incidents/%E0%A4%A HTTP/1.1', auth);
    expect(badEncoding.status).toBe(400);
    expect(JSON.parse(badEncoding.body)).toMatchObject({ error: { code: 'bad_encoding' } });
    // The web client's files: a bad encoding is a 400 page too.
    expect((await rawRequest(t.hub.url, 'GET /assets/%E0%A4%A.js HTTP/1.1')).status).toBe(400);
    // A well-formed request still works.
    expect((await rawRequest(t.hub.url, 'GET /api/incidents HTTP/1.1', auth)).status).toBe(200);

    const log = lines.join('');
    expect(log).toContain('malformed URL');
    for (const secret of [integration, t.tokens.viewer]) expect(log).not.toContain(secret);
  });
});
