import { LIMIT_ENV, type HubLimits } from '../../limits/limits.js';

/**
 * Limits no test reaches by accident: tests that stream thousands of commands on one connection are about other
 * things. Tests of the limits themselves start their hub with the limits they test.
 */
export const GENEROUS_LIMITS: HubLimits = {
  commandBurst: 1_000_000,
  commandsPerSecond: 1_000_000,
  maxConnectionsPerToken: 10_000,
  commandByteBurst: 1024 * 1024 * 1024,
  commandBytesPerSecond: 1024 * 1024 * 1024,
  maxSendBufferBytes: 1024 * 1024 * 1024,
};

/** The same, as the environment of a `warroom-hub serve` process. */
export function limitsEnv(limits: Partial<HubLimits> = GENEROUS_LIMITS): Record<string, string> {
  return Object.fromEntries(
    (Object.keys(limits) as (keyof HubLimits)[]).map((key) => [LIMIT_ENV[key], String(limits[key])]),
  );
}
