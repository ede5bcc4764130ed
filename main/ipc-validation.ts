import type { z } from 'zod';
import { requestSchemas, type RequestName } from '../shared/ipc/contract.js';

/** A request's arguments once parsed by its schema (defaults filled in, strings trimmed). */
export type RequestArgs<K extends RequestName> = z.output<(typeof requestSchemas)[K]>;

/** What main knows about who sent an IPC message (from `event.senderFrame` and `event.sender`). */
export interface IpcSender {
  /** The sending frame's URL; null when the frame is gone (navigated away or destroyed). */
  readonly frameUrl: string | null;
  readonly isMainFrame: boolean;
  readonly webContentsId: number;
}

/** The only renderer allowed to talk to main: our window's web contents, showing our own built page. */
export interface TrustedRenderer {
  /** `file:///…/dist/renderer/index.html` */
  readonly fileUrl: string;
  /** null while no window exists: then nobody is trusted. */
  readonly webContentsId: number | null;
}

export type RequestCheck<K extends RequestName> = { ok: true; args: RequestArgs<K> } | { ok: false; message: string };

/**
 * Whether `url` is the app's own renderer page: a file: URL with the same path. The query and the fragment
 * are ignored (the UI may route with `#/incident/…`); anything else — another file, http(s), data:, about:blank
 * — is not ours.
 */
export function isAppRendererUrl(url: string, rendererFileUrl: string): boolean {
  const actual = parseUrl(url);
  const expected = parseUrl(rendererFileUrl);
  if (!actual || !expected || actual.protocol !== 'file:' || expected.protocol !== 'file:') return false;
  return actual.host === expected.host && samePath(actual.pathname, expected.pathname);
}

/** Why a sender is not trusted, or null when it is. */
export function senderProblem(sender: IpcSender, trusted: TrustedRenderer): string | null {
  if (trusted.webContentsId === null || sender.webContentsId !== trusted.webContentsId)
    return 'it does not come from the Warroom window';
  if (sender.frameUrl === null) return 'its frame is gone';
  if (!sender.isMainFrame) return 'it comes from a sub-frame';
  if (!isAppRendererUrl(sender.frameUrl, trusted.fileUrl))
    return `it comes from ${describeOrigin(sender.frameUrl)}, not from the Warroom page`;
  return null;
}

/**
 * Checks one IPC request before any handler runs: the sender must be our window showing our page, and the
 * arguments must match the request's schema in the contract. The message names the request and the reason,
 * never the argument values (a `connect` carries a token).
 */
export function checkRequest<K extends RequestName>(
  name: K,
  sender: IpcSender,
  trusted: TrustedRenderer,
  args: readonly unknown[],
): RequestCheck<K> {
  if (!Object.hasOwn(requestSchemas, name)) return { ok: false, message: `Unknown request "${String(name)}".` };
  const problem = senderProblem(sender, trusted);
  if (problem) return { ok: false, message: `Refused warroom:${name}: ${problem}.` };
  const schema: (typeof requestSchemas)[K] = requestSchemas[name];
  const parsed = schema.safeParse(args);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'arguments'}: ${issue.message}`);
    return { ok: false, message: `Refused warroom:${name}: malformed arguments (${issues.join('; ')}).` };
  }
  return { ok: true, args: parsed.data as RequestArgs<K> };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function samePath(a: string, b: string): boolean {
  const decode = (path: string): string | null => {
    try {
      return decodeURIComponent(path);
    } catch {
      return null;
    }
  };
  const left = decode(a);
  return left !== null && left === decode(b);
}

/** Enough of a URL to say where a message came from in a log, without its query (which may hold secrets). */
function describeOrigin(url: string): string {
  const parsed = parseUrl(url);
  if (!parsed) return 'an unreadable URL';
  return parsed.protocol === 'file:' ? `file ${parsed.pathname}` : `${parsed.protocol}//${parsed.host}`;
}
