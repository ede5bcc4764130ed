import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import {
  eventChannel,
  requestChannel,
  requestSchemas,
  type HostEventName,
  type HostEvents,
  type RequestName,
} from '../shared/ipc/contract.js';
import { checkRequest, type IpcSender, type TrustedRenderer } from './ipc-validation.js';
import type { Logger } from './log.js';
import type { RequestHandlers } from './request-handlers.js';

/**
 * Registers one `ipcMain.handle` per request of the contract. Every message is checked first (our window,
 * our page, arguments matching the request's schema: ipc-validation.ts); a refused one is logged and answered
 * with an Error, and its handler never runs. Returns the function that removes the handlers.
 */
export function registerIpcHandlers(
  handlers: RequestHandlers,
  trusted: () => TrustedRenderer,
  log: Logger,
): () => void {
  const names = Object.keys(requestSchemas) as RequestName[];
  for (const name of names) register(name, handlers[name], trusted, log);
  return () => {
    for (const name of names) ipcMain.removeHandler(requestChannel(name));
  };
}

function register<K extends RequestName>(
  name: K,
  handler: RequestHandlers[K],
  trusted: () => TrustedRenderer,
  log: Logger,
): void {
  ipcMain.handle(requestChannel(name), async (event, ...args: unknown[]) => {
    const check = checkRequest(name, senderOf(event), trusted(), args);
    if (!check.ok) {
      log.warn(check.message);
      throw new Error(check.message);
    }
    return handler(...check.args);
  });
}

function senderOf(event: IpcMainInvokeEvent): IpcSender {
  let frameUrl: string | null = null;
  let isMainFrame = false;
  try {
    const frame = event.senderFrame;
    frameUrl = frame?.url ?? null;
    isMainFrame = frame !== null && frame.parent === null;
  } catch {
    // A frame disposed while its message was in flight: it has no URL to trust.
  }
  return { frameUrl, isMainFrame, webContentsId: event.sender.id };
}

/** Sends a host event to the window's page, if the window is still there. */
export function sendToRenderer<K extends HostEventName>(
  window: BrowserWindow | null,
  name: K,
  payload: HostEvents[K],
): void {
  if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return;
  window.webContents.send(eventChannel(name), payload);
}
