/** What an action tells the form that asked for it: done, or why not in words. */
export type ActionResult = { ok: true } | { ok: false; message: string };

/** The engine names fields by path ("payload.title: must not be empty"); people know them by name. */
export function readable(message: string): string {
  return message.replace(/\bpayload\./g, '').replace(/^\w/, (c) => c.toUpperCase());
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
