/** How Electron wraps an error thrown by a handler in main: "Error invoking remote method 'warroom:x': Error: …". */
const IPC_PREFIX = /^Error invoking remote method '[^']*': (?:[A-Za-z]*Error: )?/;

/** The message main meant for the person, without Electron's wrapping. */
export function readableIpcMessage(message: string): string {
  return message.replace(IPC_PREFIX, '');
}

/**
 * The desktop API with readable rejections: a request main refuses ("The on-call schedule needs the hub, which
 * cannot be reached now.") reaches the page as an Error with main's own message, as it does on the web.
 * Subscriptions and results pass through untouched.
 */
export function withReadableErrors<Api extends object>(api: Api): Api {
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(api)) {
    if (typeof member !== 'function') {
      wrapped[name] = member;
      continue;
    }
    wrapped[name] = (...args: unknown[]): unknown => {
      const result: unknown = (member as (...a: unknown[]) => unknown)(...args);
      if (!isThenable(result)) return result;
      return Promise.resolve(result).catch((error: unknown) => {
        throw error instanceof Error ? new Error(readableIpcMessage(error.message)) : error;
      });
    };
  }
  // Same members, same signatures: only how a rejection reads has changed.
  return wrapped as Api;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}
