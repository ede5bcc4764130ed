/** /healthz reports a broken SMTP or ntfy set-up beside `ok` (which it leaves alone), and the hub log says it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../hub.js';
import { createLogger } from '../log.js';
import { closedPort, startHttpReceiver, type HttpReceiver } from './support/http-receiver.js';

let hub: RunningHub | undefined;
let ntfy: HttpReceiver | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await hub?.close();
  await ntfy?.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

it('says which channel is broken and why, and stays ready', async () => {
  const lines: string[] = [];
  ntfy = await startHttpReceiver([
    { status: 200, body: '{"healthy":true}', headers: { 'content-type': 'application/json' } },
  ]);
  const dataDir = mkdtempSync(join(tmpdir(), 'warroom-contact-health-'));
  dirs.push(dataDir);
  const port = await closedPort();
  hub = await startHub({
    dataDir,
    port: 0,
    logger: createLogger({ write: (line: string) => void lines.push(line) }, 'info'),
    contact: {
      smtp: {
        host: '127.0.0.1',
        port,
        secure: false,
        requireTLS: false,
        from: 'pager@warroom.test',
        auth: { user: 'u', pass: 'smtp-password-1' },
      },
      ntfyServer: ntfy.origin,
      sendTimeoutMs: 2000,
    },
  });
  const answer = await fetch(`${hub.url}/healthz`);
  expect(answer.status).toBe(200);
  const body = (await answer.json()) as {
    ok: boolean;
    contact: { email: { ok: boolean; detail: string }; ntfy: { ok: boolean; detail: string } };
  };
  expect(body.ok).toBe(true);
  expect(body.contact.email.ok).toBe(false);
  expect(body.contact.email.detail).toMatch(/ECONNREFUSED/);
  expect(body.contact.ntfy).toMatchObject({ ok: true, detail: `${ntfy.origin} is healthy` });
  expect(ntfy.requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /v1/health');
  expect(lines.some((l) => l.includes('email is not working'))).toBe(true);
  expect(lines.join('\n')).not.toContain('smtp-password-1');
});
