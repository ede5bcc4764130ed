import { z } from 'zod';

const healthSchema = z.object({ ok: z.literal(true), seq: z.number(), protocol: z.number() });

export type HubCheck = { ok: true } | { ok: false; message: string };

/**
 * Is there a Warroom hub at this address? Asks its `/healthz` before any token is sent, so a typo in the address
 * and a wrong token get different, clear messages.
 */
export async function checkHub(fetchFn: typeof fetch, hubUrl: string, timeoutMs = 8000): Promise<HubCheck> {
  let response: Response;
  try {
    response = await fetchFn(`${hubUrl}/healthz`, { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    return {
      ok: false,
      message: `Could not reach a hub at ${hubUrl}. Check the address, and that the hub is running and reachable from here.`,
    };
  }
  const notAHub = `${hubUrl} answered, but not like a Warroom hub (no valid /healthz). Check the address and port.`;
  if (!response.ok) return { ok: false, message: notAHub };
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    return { ok: false, message: notAHub };
  }
  return healthSchema.safeParse(body).success ? { ok: true } : { ok: false, message: notAHub };
}
