import type { Severity } from '../domain/severity.js';
import { DEFAULT_ESCALATION_POLICY, type EscalationPolicy, type ResponseWindow } from './policy.js';
import type { Profile } from './profile.js';
import { clockMinutes, dayNumberToDate, isoWeekday, localDayNumber, zonedInstant } from './zoned-time.js';

/** How far ahead a window opening is looked for (a year of holidays fits). */
const SEARCH_DAYS = 400;

/** The window's span on one local day, as instants, or null when it does not open that day. */
function windowOnDay(window: Exclude<ResponseWindow, 'always'>, profile: Profile, dayNumber: number) {
  const hours = window === 'working' ? profile.workingHours : profile.extendedHours;
  if (window === 'working') {
    if (!profile.workingHours.days.includes(isoWeekday(dayNumber))) return null;
    if (profile.holidays.includes(dayNumberToDate(dayNumber))) return null;
  }
  return {
    open: zonedInstant(profile.timeZone, dayNumber, clockMinutes(hours.start)),
    close: zonedInstant(profile.timeZone, dayNumber, clockMinutes(hours.end)),
  };
}

/** Whether a window is open at an instant, in the person's time zone. */
export function windowOpen(window: ResponseWindow, profile: Profile, instantMs: number): boolean {
  if (window === 'always') return true;
  const span = windowOnDay(window, profile, localDayNumber(profile.timeZone, instantMs));
  return span !== null && span.open <= instantMs && instantMs < span.close;
}

/**
 * When a window is next open, from `fromMs` on: `fromMs` itself when it is open now. Null only when it does not
 * open within 400 days (every day a holiday), which callers treat as "page now" rather than never.
 */
export function nextOpening(window: ResponseWindow, profile: Profile, fromMs: number): number | null {
  if (window === 'always') return fromMs;
  const today = localDayNumber(profile.timeZone, fromMs);
  for (let day = today; day <= today + SEARCH_DAYS; day++) {
    const span = windowOnDay(window, profile, day);
    if (span && span.close > fromMs) return Math.max(span.open, fromMs);
  }
  return null;
}

/** Whether a page about an incident of this severity may reach this person now (the policy names the window). */
export function responseWindowOpen(
  severity: Severity,
  profile: Profile,
  instantMs: number,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): boolean {
  return windowOpen(policy[severity].window, profile, instantMs);
}

/** When a page of this severity could next reach this person: now if the window is open. */
export function nextWindowOpening(
  severity: Severity,
  profile: Profile,
  fromMs: number,
  policy: EscalationPolicy = DEFAULT_ESCALATION_POLICY,
): number | null {
  return nextOpening(policy[severity].window, profile, fromMs);
}
