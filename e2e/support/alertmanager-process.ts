import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's package (`apt-get install prometheus-alertmanager`); .ci/run installs it. WARROOM_ALERTMANAGER overrides. */
export const ALERTMANAGER = process.env.WARROOM_ALERTMANAGER ?? '/usr/bin/prometheus-alertmanager';

export interface AlertmanagerOptions {
  /** The Warroom endpoint its webhook receiver posts to. */
  readonly webhookUrl: string;
  /** Sent as `Authorization: Bearer <token>` (http_config.authorization.credentials). */
  readonly token: string;
  /** How often an unchanged group is notified again; short in tests so a repeat is seen. */
  readonly repeatInterval?: string;
}

export interface AlertmanagerProcess {
  readonly url: string;
  /** POST /api/v2/alerts: what Prometheus does when its rules fire or clear. */
  postAlerts(alerts: readonly PostableAlert[]): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within 5 s; removes its files. */
  stop(): Promise<void>;
}

export interface PostableAlert {
  readonly labels: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly startsAt?: string;
  readonly endsAt?: string;
  readonly generatorURL?: string;
}

/**
 * A real Alertmanager on 127.0.0.1 (clustering off), routing every alert, grouped by alertname, to one webhook
 * receiver with 1 s group_wait/group_interval. Resolves once it answers /-/ready.
 */
export async function startAlertmanager(options: AlertmanagerOptions): Promise<AlertmanagerProcess> {
  if (!existsSync(ALERTMANAGER))
    throw new Error(
      `Prometheus Alertmanager not found at ${ALERTMANAGER}: run \`apt-get install -y prometheus-alertmanager\` ` +
        '(.ci/run does) or set WARROOM_ALERTMANAGER to its binary.',
    );
  const dir = mkdtempSync(join(tmpdir(), 'warroom-alertmanager-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(
    config,
    `route:
  receiver: warroom
  group_by: [alertname]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: ${options.repeatInterval ?? '1h'}
receivers:
  - name: warroom
    webhook_configs:
      - url: '${options.webhookUrl}'
        send_resolved: true
        http_config:
          authorization:
            type: Bearer
            credentials: '${options.token}'
`,
  );
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    ALERTMANAGER,
    [
      `--config.file=${config}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));

  const stop = async () => {
    if (!gone) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (gone) {
      await stop();
      throw new Error(`Alertmanager exited before it was ready: ${stderr}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Alertmanager was not ready within 20 s: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    url,
    postAlerts: async (alerts) => {
      const res = await fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      if (!res.ok) throw new Error(`Alertmanager refused the alerts: ${res.status} ${await res.text()}`);
    },
    stop,
  };
}

/** A port free on 127.0.0.1 right now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
