import { DEFAULT_SEVERITY_GUIDANCE, type Severity } from '../../shared/domain/severity.js';
import type { Status } from '../../shared/domain/status.js';
import type { SyncMark } from '../store/selectors.js';

/** Severity as text and colour (colour alone would fail people who cannot tell red from orange). */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <span className={`sev sev--${severity.toLowerCase()}`}>
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

const STATUS_LABELS: Readonly<Record<Status, string>> = {
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

export function LeadName({ lead }: { lead: { name: string } | null }) {
  return lead ? <span>{lead.name}</span> : <span className="muted">no lead</span>;
}

/** 14:05, in the viewer's own time zone; the full moment is in the datetime attribute. */
export function Time({ at }: { at: string }) {
  return (
    <time dateTime={at} title={new Date(at).toLocaleString()}>
      {new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
    </time>
  );
}
