import { DEFAULT_SEVERITY_GUIDANCE, type Severity } from '../../../shared/domain/severity.js';
import type { Status } from '../../../shared/domain/status.js';
import { since } from '../../../shared/time/durations.js';
import type { SyncMark } from '../../store/selectors.js';

/** Severity as text and colour (colour alone would fail people who cannot tell red from orange). */
export function SeverityBadge({ severity, size }: { severity: Severity; size?: 'large' }) {
  return (
    <span className={`sev sev--${severity.toLowerCase()}${size ? ` sev--${size}` : ''}`}>
      <span className="sev__shape" aria-hidden="true" />
      {severity} <span className="sev__label">{DEFAULT_SEVERITY_GUIDANCE[severity].label}</span>
    </span>
  );
}

export function PendingTag({ mark }: { mark: Exclude<SyncMark, null> }) {
  return (
    <span className="tag tag--pending" title="Not yet confirmed by the hub">
      {mark === 'pending' ? 'pending' : 'changes pending'}
    </span>
  );
}

export const STATUS_LABELS: Readonly<Record<Status, string>> = {
  triage: 'Triage',
  investigating: 'Investigating',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
  closed: 'Closed',
  declined: 'Declined',
};

export function StatusText({ status }: { status: Status }) {
  return <span className={`status status--${status}`}>{STATUS_LABELS[status]}</span>;
}

/** The Incident Lead, or a clear "No lead" (an incident without one is drifting). */
export function LeadName({ lead }: { lead: { name: string } | null }) {
  return lead ? (
    <span>{lead.name}</span>
  ) : (
    <span className="missing">
      <span aria-hidden="true">⚠ </span>No lead
    </span>
  );
}

// Formatters are costly to make and cheap to use: one each, for every time on screen.
const clockTime = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const fullTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * 14:05 (a 24-hour clock: no AM/PM to misread at 2 AM), in the viewer's own time zone; the full moment is in the
 * title and the datetime attribute.
 */
export function Time({ at }: { at: string }) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <time>{at}</time>;
  return (
    <time dateTime={at} title={fullTime.format(date)}>
      {clockTime.format(date)}
    </time>
  );
}

/** "12m ago", live (pass `now` from useNow). */
export function Ago({ at, now }: { at: string; now: number }) {
  return <span className="ago">{since(at, now) ?? ''} ago</span>;
}

/** 14:05 (12m ago). */
export function TimeAgo({ at, now }: { at: string; now: number }) {
  return (
    <span className="time-ago">
      <Time at={at} /> <span className="muted">({since(at, now) ?? ''} ago)</span>
    </span>
  );
}

const dayAndTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The local date of an instant, as YYYY-MM-DD (for "is it today"). */
function localDay(date: Date): string {
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
}

/** "08:00" today, "Tue 3 Mar, 08:00" on another day: local time, with the date only when it is not today. */
export function clockOrDay(at: string, now: number = Date.now()): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  return localDay(date) === localDay(new Date(now)) ? clockTime.format(date) : dayAndTime.format(date);
}

/** A moment as clockOrDay, with the full moment in the title. */
export function DayTime({ at, now }: { at: string; now?: number }) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <time>{at}</time>;
  return (
    <time dateTime={at} title={fullTime.format(date)}>
      {clockOrDay(at, now)}
    </time>
  );
}

/** "Tue 3 Mar, 08:00", always with the date (schedules). */
export function DateTime({ at }: { at: string }) {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return <time>{at}</time>;
  return (
    <time dateTime={at} title={fullTime.format(date)}>
      {dayAndTime.format(date)}
    </time>
  );
}

/** Why a form's submit did nothing (checked here, or refused): announced, next to the form. Nothing when null. */
export function FormError({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="error">
      {message}
    </p>
  );
}
