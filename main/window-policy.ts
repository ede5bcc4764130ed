import { isSafeExternalUrl } from './deep-link.js';
import { isAppRendererUrl } from './ipc-validation.js';

/**
 * The renderer's Content Security Policy. The page is loaded from file:, where Chromium gives
 * `onHeadersReceived` no response headers to change, so for file: the `<meta http-equiv="Content-Security-Policy">`
 * in dist/renderer/index.html is what applies (it must say at least this much). The header below covers any
 * http(s) response in the window's session (a dev server, or a page that got in despite the navigation guard).
 * The renderer needs no network: it reaches the hub only through main, so connect-src is 'none'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export type ResponseHeaders = Record<string, string | string[]>;

/** The response headers with our CSP in place of any the server sent; non-http(s) responses are left alone. */
export function withContentSecurityPolicy(
  url: string,
  headers: ResponseHeaders | undefined,
): ResponseHeaders | undefined {
  if (!/^https?:/i.test(url)) return headers;
  const kept = Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
  );
  return { ...kept, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

export type NavigationDecision = 'allow' | 'open-externally' | 'block';

/**
 * What to do when the window is about to navigate to `url`: stay only on our own page (another route of it);
 * a web link goes to the system browser instead; anything else is blocked.
 */
export function decideNavigation(url: string, rendererFileUrl: string): NavigationDecision {
  if (isAppRendererUrl(url, rendererFileUrl)) return 'allow';
  return isSafeExternalUrl(url) ? 'open-externally' : 'block';
}

/** `window.open` / `target=_blank`: never a new Electron window; a web link opens in the system browser. */
export function decideWindowOpen(url: string): Exclude<NavigationDecision, 'allow'> {
  return isSafeExternalUrl(url) ? 'open-externally' : 'block';
}

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowPlacement {
  readonly width: number;
  readonly height: number;
  /** Absent: let the OS centre the window. */
  readonly x?: number;
  readonly y?: number;
  readonly maximized: boolean;
}

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 800 } as const;
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;

/**
 * Where to open the window, from the saved bounds and the displays' work areas now. A saved position is
 * used only if enough of the title bar is on a display (a monitor may have been unplugged since), and the
 * size is kept within the largest display, never below the minimum.
 */
export function restorePlacement(
  saved: (Rectangle & { readonly maximized: boolean }) | null,
  workAreas: readonly Rectangle[],
): WindowPlacement {
  if (!saved) return { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const maxWidth = Math.max(MIN_WINDOW_SIZE.width, ...workAreas.map((a) => a.width));
  const maxHeight = Math.max(MIN_WINDOW_SIZE.height, ...workAreas.map((a) => a.height));
  const width = clamp(Math.round(saved.width), MIN_WINDOW_SIZE.width, maxWidth);
  const height = clamp(Math.round(saved.height), MIN_WINDOW_SIZE.height, maxHeight);
  // The top strip (title bar) of the window must be on screen by at least 100x20 px, so it can be dragged.
  const titleBar: Rectangle = { x: saved.x, y: saved.y, width, height: 20 };
  const reachable = workAreas.some((area) => overlap(titleBar, area) >= 100 * 20);
  return reachable
    ? { width, height, x: Math.round(saved.x), y: Math.round(saved.y), maximized: saved.maximized }
    : { width, height, maximized: saved.maximized };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function overlap(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export interface DebounceTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** Calls `fn` once, `ms` after the last call; `flush` runs a waiting call now (before quitting). */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
  timers: DebounceTimers,
): { call: (...args: A) => void; flush: () => void; cancel: () => void } {
  let handle: unknown = null;
  let waiting: A | null = null;
  const cancel = (): void => {
    if (handle !== null) timers.clear(handle);
    handle = null;
    waiting = null;
  };
  const flush = (): void => {
    const args = waiting;
    cancel();
    if (args) fn(...args);
  };
  const call = (...args: A): void => {
    if (handle !== null) timers.clear(handle);
    waiting = args;
    handle = timers.set(flush, ms);
  };
  return { call, flush, cancel };
}
