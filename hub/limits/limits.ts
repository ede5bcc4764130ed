import { z } from 'zod';

/** What one client may use of the hub (docs/protocol.md#limits); `startHub({ limits })` overrides any of them. */
export const hubLimitsSchema = z.strictObject({
  /** Commands one connection may send at once, after a quiet spell. */
  commandBurst: z.number().int().positive(),
  /** Commands one connection may send per second, sustained. */
  commandsPerSecond: z.number().positive(),
  /** Connections one token may hold open at the same time. */
  maxConnectionsPerToken: z.number().int().positive(),
  /**
   * Bytes of commands (as JSON) one token may send at once, over all its connections; at least the largest command
   * (a whole postmortem), so that one always fits.
   */
  commandByteBurst: z
    .number()
    .int()
    .min(1024 * 1024),
  /** Bytes of commands one token may send per second, sustained. */
  commandBytesPerSecond: z.number().positive(),
  /**
   * Bytes waiting to be sent to one connection (it does not read fast enough) before the hub drops it. The client
   * reconnects and catches up from the log, losing nothing; the hub's memory stays bounded.
   */
  maxSendBufferBytes: z
    .number()
    .int()
    .min(1024 * 1024),
});
export type HubLimits = z.infer<typeof hubLimitsSchema>;

/**
 * Far above what people do (a busy responder sends a command every few seconds), and enough that an app coming back
 * online drains 100 queued commands at once and the rest at 20 a second, never refused for good. A desktop app and
 * a few browser tabs per person fit the connections many times over.
 */
export const DEFAULT_LIMITS: HubLimits = {
  commandBurst: 100,
  commandsPerSecond: 20,
  maxConnectionsPerToken: 20,
  // Five of the largest postmortems at once, then 64 KiB a second: a person types far less; a script writing
  // hundreds of megabytes into the log is stopped within seconds.
  commandByteBurst: 4 * 1024 * 1024,
  commandBytesPerSecond: 64 * 1024,
  // Several full snapshots of a busy hub; a connection that cannot take 8 MiB is not reading.
  maxSendBufferBytes: 8 * 1024 * 1024,
};

/** Environment variables that set the limits for `warroom-hub serve` (load tests, seeding scripts). */
export const LIMIT_ENV: Readonly<Record<keyof HubLimits, string>> = {
  commandBurst: 'WARROOM_COMMAND_BURST',
  commandsPerSecond: 'WARROOM_COMMANDS_PER_SECOND',
  maxConnectionsPerToken: 'WARROOM_MAX_CONNECTIONS_PER_TOKEN',
  commandByteBurst: 'WARROOM_COMMAND_BYTE_BURST',
  commandBytesPerSecond: 'WARROOM_COMMAND_BYTES_PER_SECOND',
  maxSendBufferBytes: 'WARROOM_MAX_SEND_BUFFER_BYTES',
};

/**
 * The limits to run with: the defaults, overridden by the environment, overridden by `options`. A value that is not
 * a positive number stops the hub with the variable's name, rather than running unprotected.
 */
export function resolveLimits(
  options: Partial<HubLimits> | undefined,
  env: Readonly<Record<string, string | undefined>>,
): HubLimits {
  const fromEnv: Partial<Record<keyof HubLimits, number>> = {};
  for (const key of Object.keys(LIMIT_ENV) as (keyof HubLimits)[]) {
    const raw = env[LIMIT_ENV[key]];
    if (raw !== undefined && raw.trim() !== '') fromEnv[key] = Number(raw);
  }
  const merged = hubLimitsSchema.safeParse({ ...DEFAULT_LIMITS, ...fromEnv, ...options });
  if (!merged.success) {
    const issue = merged.error.issues[0];
    const key = String(issue?.path[0] ?? '') as keyof HubLimits;
    const where = key in fromEnv && !(options && key in options) ? `${LIMIT_ENV[key]} (${key})` : key;
    throw new Error(`Hub limit ${where} is not valid: ${issue?.message ?? 'unknown problem'}.`);
  }
  return merged.data;
}
