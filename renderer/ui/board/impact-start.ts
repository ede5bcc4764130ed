import { isoFromLocalInput } from '../oncall/time-zones.js';

/** How the person says when the impact started: just now, some minutes ago, or at a date and time. */
export const IMPACT_START_MODES = ['now', 'minutes', 'at'] as const;
export type ImpactStartMode = (typeof IMPACT_START_MODES)[number];

export function isImpactStartMode(value: string): value is ImpactStartMode {
  return (IMPACT_START_MODES as readonly string[]).includes(value);
}

export interface ImpactStartChoice {
  readonly mode: ImpactStartMode;
  /** "minutes": how many minutes ago, as typed. */
  readonly minutes: string;
  /** "at": an <input type="datetime-local"> value (local time). */
  readonly at: string;
}

export type ImpactStart = { ok: true; at: string } | { ok: false; message: string };

const MINUTE = 60_000;

/** The start of the minute: a person says "14:05" or "5 minutes ago", never seconds. */
function toMinute(ms: number): string {
  return new Date(Math.floor(ms / MINUTE) * MINUTE).toISOString();
}

/**
 * When the impact started, as the `impactStartedAt` of `incident.declare` (so time to detect is known), or why
 * what was typed is not a time. Rounded down to the minute; never after `now` (the hub refuses an impact that starts
 * after its detection).
 */
export function impactStartedAt(choice: ImpactStartChoice, now: number): ImpactStart {
  switch (choice.mode) {
    case 'now':
      return { ok: true, at: toMinute(now) };
    case 'minutes': {
      const typed = choice.minutes.trim();
      if (!/^\d{1,6}$/.test(typed))
        return { ok: false, message: 'Say how many minutes ago the impact started: a whole number, 0 or more.' };
      return { ok: true, at: toMinute(now - Number(typed) * MINUTE) };
    }
    case 'at': {
      const at = isoFromLocalInput(choice.at);
      if (at === null) return { ok: false, message: 'Pick the date and time the impact started.' };
      if (Date.parse(at) > now) return { ok: false, message: 'The impact cannot start in the future.' };
      return { ok: true, at: toMinute(Date.parse(at)) };
    }
  }
}
