import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSmtpSettings, smtpSettingsFile, SmtpSettingsError } from './smtp-settings.js';

const FROM = 'Warroom <pager@example.com>';

describe('loadSmtpSettings', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'warroom-smtp-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const writeFile = (content: unknown, mode = 0o600): string => {
    const file = smtpSettingsFile(dir);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    chmodSync(file, mode);
    return file;
  };
  const errorOf = (load: () => unknown): string => {
    try {
      load();
    } catch (error) {
      expect(error).toBeInstanceOf(SmtpSettingsError);
      return (error as Error).message;
    }
    throw new Error('expected an error');
  };

  it('is null (e-mail off) with neither the environment nor smtp.json', () => {
    expect(loadSmtpSettings({}, dir)).toBeNull();
  });

  it('reads smtp:// (STARTTLS when offered) with a percent-encoded password', () => {
    expect(
      loadSmtpSettings(
        { WARROOM_SMTP_URL: 'smtp://me%40corp:p%40ss%3Aw0rd@mail.example.com:2525', WARROOM_SMTP_FROM: FROM },
        dir,
      ),
    ).toEqual({
      host: 'mail.example.com',
      port: 2525,
      secure: false,
      requireTLS: false,
      auth: { user: 'me@corp', pass: 'p@ss:w0rd' },
      from: FROM,
    });
  });

  it('reads smtps:// (implicit TLS, port 465), ?starttls=required, and no login', () => {
    expect(
      loadSmtpSettings(
        { WARROOM_SMTP_URL: 'smtps://u:p@mail.example.com', WARROOM_SMTP_FROM: 'pager@example.com' },
        dir,
      ),
    ).toMatchObject({
      port: 465,
      secure: true,
      requireTLS: false,
    });
    const required = loadSmtpSettings(
      { WARROOM_SMTP_URL: 'smtp://relay.internal?starttls=required', WARROOM_SMTP_FROM: FROM },
      dir,
    );
    expect(required).toEqual({ host: 'relay.internal', port: 587, secure: false, requireTLS: true, from: FROM });
  });

  it('the environment wins over smtp.json', () => {
    writeFile({ host: 'file.example.com', from: FROM });
    expect(loadSmtpSettings({ WARROOM_SMTP_URL: 'smtp://env.example.com', WARROOM_SMTP_FROM: FROM }, dir)?.host).toBe(
      'env.example.com',
    );
  });

  it('refuses bad URLs clearly, never echoing the password', () => {
    const env = (url: string, from: string | undefined) => ({ WARROOM_SMTP_URL: url, WARROOM_SMTP_FROM: from });
    const cases: [string, string | undefined, RegExp][] = [
      ['http://u:hunter2secret@mail.example.com', FROM, /must start with smtp:\/\/ or smtps:\/\//],
      ['smtp://u:hunter2secret@mail.example.com', undefined, /WARROOM_SMTP_FROM must be set/],
      ['smtp://u:hunter2secret@mail.example.com', 'not an address', /WARROOM_SMTP_FROM must be an address/],
      ['smtp://u:hunter2secret@mail.example.com?tls=off', FROM, /unknown option "tls"/],
      ['smtps://u:hunter2secret@mail.example.com?starttls=required', FROM, /smtps:\/\/ is TLS already/],
      ['smtp://u:hunter2secret@mail.example.com/path', FROM, /must not have a path/],
      ['smtp://u:hunter2secret%zz@mail.example.com', FROM, /bad %-escape/],
      ['smtp://u@mail.example.com', FROM, /both a user and a password/],
      ['smtp://u:hunter2secret@[bad', FROM, /is not a URL/],
    ];
    for (const [url, from, expected] of cases) {
      const message = errorOf(() => loadSmtpSettings(env(url, from), dir));
      expect(message, url).toMatch(expected);
      expect(message).not.toContain('hunter2secret');
    }
  });

  it('reads smtp.json with defaults', () => {
    writeFile({ host: 'mail.example.com', auth: { user: 'u', pass: 'p' }, from: FROM, tlsRejectUnauthorized: false });
    expect(loadSmtpSettings({}, dir)).toEqual({
      host: 'mail.example.com',
      port: 587,
      secure: false,
      requireTLS: false,
      auth: { user: 'u', pass: 'p' },
      from: FROM,
      tlsRejectUnauthorized: false,
    });
    writeFile({ host: 'mail.example.com', secure: true, from: FROM });
    expect(loadSmtpSettings({}, dir)).toMatchObject({ port: 465, secure: true });
  });

  it.skipIf(process.platform === 'win32')(
    'refuses smtp.json that others may read, naming the file and chmod 600',
    () => {
      const file = writeFile({ host: 'mail.example.com', from: FROM }, 0o644);
      const message = errorOf(() => loadSmtpSettings({}, dir));
      expect(message).toContain(file);
      expect(message).toContain('mode 0644');
      expect(message).toContain(`chmod 600 ${file}`);
    },
  );

  it('refuses smtp.json that is not JSON or not the schema, without echoing the password', () => {
    writeFile('{"host": "x", "auth": {"user": "u", "pass": "hunter2secret"}');
    const notJson = errorOf(() => loadSmtpSettings({}, dir));
    expect(notJson).toMatch(/smtp\.json is not valid JSON$/);
    expect(notJson).not.toContain('hunter2secret');
    writeFile({ host: '', port: 70000, auth: { user: 'u', pass: 'hunter2secret' }, from: 'nope', extra: 1 });
    const bad = errorOf(() => loadSmtpSettings({}, dir));
    for (const field of ['host', 'port', 'from']) expect(bad).toContain(field);
    expect(bad).toMatch(/extra/);
    expect(bad).not.toContain('hunter2secret');
  });
});
