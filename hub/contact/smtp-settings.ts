import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { errnoCode } from '../files/errno.js';
import { PRIVATE_FILE_MODE, octal } from '../files/private-file.js';
import type { SmtpSettings } from './senders/email.js';

export const SMTP_FILE_NAME = 'smtp.json';
export const smtpSettingsFile = (dataDir: string): string => join(dataDir, SMTP_FILE_NAME);

/** A bad setting: the hub says which and why, never the password. */
export class SmtpSettingsError extends Error {
  override name = 'SmtpSettingsError';
}

/** "pager@example.com" or "Warroom <pager@example.com>". */
const fromSchema = z
  .string()
  .trim()
  .refine((from) => z.email().safeParse(/^[^<>]*<([^<>]+)>$/.exec(from)?.[1] ?? from).success, {
    error: 'must be an address or "Name <address>"',
  });

const smtpFileSchema = z.strictObject({
  host: z.string().trim().min(1, 'must not be empty'),
  port: z.number().int().min(1).max(65535).optional(),
  secure: z.boolean().optional(),
  requireTLS: z.boolean().optional(),
  auth: z.strictObject({ user: z.string().min(1), pass: z.string().min(1) }).optional(),
  from: fromSchema,
  tlsRejectUnauthorized: z.boolean().optional(),
});

/**
 * E-mail settings: WARROOM_SMTP_URL (+ WARROOM_SMTP_FROM) first, else <dataDir>/smtp.json, else null (e-mail off).
 * Throws SmtpSettingsError on bad input.
 */
export function loadSmtpSettings(env: NodeJS.ProcessEnv, dataDir: string): SmtpSettings | null {
  const url = env.WARROOM_SMTP_URL?.trim();
  if (url) return smtpSettingsFromUrl(url, env.WARROOM_SMTP_FROM);
  return readSmtpFile(smtpSettingsFile(dataDir));
}

/**
 * smtp://user:pass@host:587 uses STARTTLS when the server offers it (?starttls=required: only with it);
 * smtps://user:pass@host:465 is TLS from the first byte. User and password are percent-encoded.
 */
export function smtpSettingsFromUrl(url: string, from: string | undefined): SmtpSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new SmtpSettingsError(
      'WARROOM_SMTP_URL is not a URL: write it as smtp://user:password@host:587 or smtps://user:password@host:465',
    );
  }
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') {
    throw new SmtpSettingsError(`WARROOM_SMTP_URL must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  }
  const secure = parsed.protocol === 'smtps:';
  if (!parsed.hostname) throw new SmtpSettingsError('WARROOM_SMTP_URL names no host');
  if (parsed.pathname !== '' && parsed.pathname !== '/') {
    throw new SmtpSettingsError('WARROOM_SMTP_URL must not have a path (only ?starttls=required after the host)');
  }
  let requireTLS = false;
  for (const [key, value] of parsed.searchParams) {
    if (key === 'starttls' && (value === 'required' || value === 'opportunistic')) requireTLS = value === 'required';
    else
      throw new SmtpSettingsError(
        `WARROOM_SMTP_URL: unknown option "${key}" (only starttls=required or starttls=opportunistic)`,
      );
  }
  if (secure && requireTLS)
    throw new SmtpSettingsError('WARROOM_SMTP_URL: starttls=required is for smtp://; smtps:// is TLS already');
  if ((parsed.username === '') !== (parsed.password === '')) {
    throw new SmtpSettingsError(
      'WARROOM_SMTP_URL must have both a user and a password (smtp://user:password@host), or neither',
    );
  }
  const auth = parsed.username
    ? { user: decode(parsed.username, 'user'), pass: decode(parsed.password, 'password') }
    : undefined;
  if (from === undefined || from.trim() === '') {
    throw new SmtpSettingsError(
      'WARROOM_SMTP_FROM must be set with WARROOM_SMTP_URL: the address pages come from, e.g. "Warroom <pager@example.com>"',
    );
  }
  const checkedFrom = fromSchema.safeParse(from);
  if (!checkedFrom.success) throw new SmtpSettingsError('WARROOM_SMTP_FROM must be an address or "Name <address>"');
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    requireTLS,
    ...(auth ? { auth } : {}),
    from: checkedFrom.data,
  };
}

function decode(part: string, what: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new SmtpSettingsError(`WARROOM_SMTP_URL: the ${what} has a bad %-escape (write % as %25)`);
  }
}

/** The file holds the SMTP password: only the hub's user may read it. null when there is none. */
export function readSmtpFile(file: string): SmtpSettings | null {
  let text: string;
  try {
    const mode = statSync(file).mode & 0o777;
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      throw new SmtpSettingsError(
        `${file} is open to other users (mode ${octal(mode)}) and holds the SMTP password: run chmod 600 ${file} (mode ${octal(PRIVATE_FILE_MODE)})`,
      );
    }
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the error, which may be the password.
    throw new SmtpSettingsError(`${file} is not valid JSON`);
  }
  const checked = smtpFileSchema.safeParse(json);
  if (!checked.success) {
    const problems = checked.error.issues.map((i) => `${i.path.join('.') || '(the file)'} ${i.message}`);
    throw new SmtpSettingsError(`${file}: ${problems.join('; ')}`);
  }
  const s = checked.data;
  const secure = s.secure ?? false;
  return {
    host: s.host,
    port: s.port ?? (secure ? 465 : 587),
    secure,
    requireTLS: s.requireTLS ?? false,
    ...(s.auth ? { auth: s.auth } : {}),
    from: s.from,
    ...(s.tlsRejectUnauthorized !== undefined ? { tlsRejectUnauthorized: s.tlsRejectUnauthorized } : {}),
  };
}
