import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../data-dir.js';
import { runCliResult } from './support/hub-process.js';

describe('warroom-hub token create --integration', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'warroom-cli-int-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));
  const cli = (...args: string[]) => runCliResult([...args, '--data', dataDir]);

  it('prints the token alone on stdout, says where it may post, and stores only its hash', () => {
    const { code, stdout, stderr } = cli('token', 'create', '--integration', 'alertmanager');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wr_[A-Za-z0-9_-]{43}\n$/);
    expect(stderr).toMatch(/created for the alertmanager integration/);
    expect(stderr).toContain('/api/webhooks/alertmanager');
    const db = new Database(databaseFile(dataDir), { readonly: true });
    const rows = db.prepare('SELECT * FROM tokens').all() as { integration: string; user_id: string | null }[];
    db.close();
    expect(JSON.stringify(rows)).not.toContain(stdout.trim());
    expect(rows).toEqual([expect.objectContaining({ integration: 'alertmanager', user_id: null })]);
  });

  it('needs Sentry’s client secret for sentry, and refuses one for the others', () => {
    expect(cli('token', 'create', '--integration', 'sentry')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--secret') as unknown,
    });
    expect(cli('token', 'create', '--integration', 'sentry', '--secret', 's3cr3t').code).toBe(0);
    expect(cli('token', 'create', '--integration', 'grafana', '--secret', 's3cr3t').code).toBe(2);
  });

  it('refuses an unknown source, and mixing --integration with --user', () => {
    expect(cli('token', 'create', '--integration', 'nagios')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('alertmanager, grafana, datadog, sentry, generic') as unknown,
    });
    expect(cli('token', 'create', '--integration', 'generic', '--user', 'ana', '--role', 'admin').code).toBe(2);
  });

  it('lists integration tokens beside users’ and revokes them by integration', () => {
    cli('token', 'create', '--user', 'ana', '--role', 'responder');
    cli('token', 'create', '--integration', 'datadog');
    const list = cli('token', 'list').stdout;
    expect(list).toMatch(/^t_\S+\tana\tresponder\t\S+\tactive$/m);
    expect(list).toMatch(/^t_\S+\tdatadog\tintegration\t\S+\tactive$/m);
    expect(cli('token', 'revoke', '--integration', 'datadog')).toMatchObject({ code: 0 });
    expect(cli('token', 'list').stdout).toMatch(/^t_\S+\tdatadog\tintegration\t\S+\trevoked \S+$/m);
    expect(cli('token', 'revoke', '--integration', 'datadog').code).toBe(1);
  });
});
