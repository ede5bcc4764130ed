import { useState } from 'react';
import type { UserRole } from '../../../shared/domain/authorize.js';
import { SEVERITIES } from '../../../shared/domain/severity.js';
import { defaultNewIncidentNotices } from '../../../shared/notify/new-incident-audience.js';
import {
  defaultProfile,
  NEW_INCIDENT_NOTICES,
  profileSchema,
  type NewIncidentNotice,
  type NewIncidentNotices,
  type Profile,
} from '../../../shared/oncall/profile.js';
import type { TestPageResult } from '../../store/oncall-actions.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { Time } from '../common/bits.js';
import { issuesText } from '../../store/input-problems.js';
import { ContactMethods } from './contact-methods.js';
import { FormOutcome, useOncallChange } from './oncall-forms.js';
import { TimeZoneSelect } from './time-zone-select.js';
import { browserTimeZone } from './time-zones.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const NOTICE_WORDS: Readonly<Record<NewIncidentNotice, string>> = {
  always: 'Always',
  'my-rotation': 'When I am on its rotation',
  never: 'Never',
};

/**
 * My time zone and working hours (when SEV-3 and SEV-2 pages may reach me), which new incidents notify me, and a
 * test page.
 */
export function ProfileScreen() {
  const me = useAppStore((s) => s.oncall?.me ?? null);
  const role = useAppStore((s) => s.user?.role ?? 'viewer');
  const error = useAppStore((s) => s.oncallError);
  return (
    <section className="profile" aria-labelledby="profile-title" data-loaded={me !== null}>
      <div className="panel">
        <h2 id="profile-title">Profile</h2>
        <p className="muted">
          Pages about SEV-1 reach you at any hour; SEV-2 in your extended hours; SEV-3 in your working hours, in your
          own time zone. A page outside them waits, visibly, until they open.
        </p>
        {error && !me && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {me ? (
          <ProfileForm
            key={me.saved ? 'saved' : 'default'}
            initial={me.saved ? me.profile : { ...me.profile, timeZone: browserTimeZone() }}
            saved={me.saved}
            role={role}
          />
        ) : (
          !error && <p className="muted">Loading your profile…</p>
        )}
      </div>
      <ContactMethods />
      <TestPage />
    </section>
  );
}

function ProfileForm({ initial, saved, role }: { initial: Profile; saved: boolean; role: UserRole }) {
  const roleDefaults = defaultNewIncidentNotices(role);
  const [notices, setNotices] = useState<NewIncidentNotices>(initial.newIncidents ?? roleDefaults);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [days, setDays] = useState<readonly number[]>(initial.workingHours.days);
  const [start, setStart] = useState(initial.workingHours.start);
  const [end, setEnd] = useState(initial.workingHours.end);
  const [extStart, setExtStart] = useState(initial.extendedHours.start);
  const [extEnd, setExtEnd] = useState(initial.extendedHours.end);
  const { problems, notes, busy, submit, setProblems } = useOncallChange();

  const save = async () => {
    const profile: Profile = {
      ...defaultProfile(timeZone),
      holidays: initial.holidays,
      workingHours: { days: [...days].sort((a, b) => a - b), start, end },
      extendedHours: { start: extStart, end: extEnd },
      // Kept unset while it is the role's defaults and was never chosen: a later change of role then brings its own.
      ...(initial.newIncidents || !sameNotices(notices, roleDefaults) ? { newIncidents: notices } : {}),
    };
    const checked = profileSchema.safeParse(profile);
    if (!checked.success) return setProblems(issuesText(checked.error));
    await submit({ kind: 'profile.save', profile }, 'Saved your profile.');
  };

  return (
    <form
      className="form"
      aria-label="My profile"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      {!saved && <p className="hint">Not saved yet: the hub uses the defaults below until you save.</p>}
      <label className="field">
        <span>Time zone</span>
        <TimeZoneSelect value={timeZone} onChange={setTimeZone} />
      </label>
      <fieldset>
        <legend>Working days</legend>
        <div className="days">
          {DAYS.map((day, i) => (
            <label key={day} className="check">
              <input
                type="checkbox"
                checked={days.includes(i + 1)}
                onChange={(e) => setDays(e.target.checked ? [...days, i + 1] : days.filter((d) => d !== i + 1))}
              />
              {day}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form__grid">
        <label className="field">
          <span>Working hours from</span>
          <input type="time" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label className="field">
          <span>Working hours to</span>
          <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
        <label className="field">
          <span>Extended hours from</span>
          <input type="time" value={extStart} onChange={(e) => setExtStart(e.target.value)} />
        </label>
        <label className="field">
          <span>Extended hours to</span>
          <input type="time" value={extEnd} onChange={(e) => setExtEnd(e.target.value)} />
        </label>
      </div>
      <fieldset>
        <legend>Notify me of new incidents</legend>
        <p className="hint">
          Pages reach you whatever you choose here. Notifications arriving together are shown as one.
        </p>
        <div className="form__grid">
          {SEVERITIES.map((severity) => (
            <label key={severity} className="field">
              <span>{severity}</span>
              <select
                value={notices[severity]}
                onChange={(e) => {
                  const choice = NEW_INCIDENT_NOTICES.find((n) => n === e.target.value);
                  if (choice) setNotices({ ...notices, [severity]: choice });
                }}
              >
                {NEW_INCIDENT_NOTICES.map((notice) => (
                  <option key={notice} value={notice}>
                    {NOTICE_WORDS[notice]}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Save profile
        </button>
      </div>
      <FormOutcome problems={problems} notes={notes} />
    </form>
  );
}

function sameNotices(a: NewIncidentNotices, b: NewIncidentNotices): boolean {
  return SEVERITIES.every((severity) => a[severity] === b[severity]);
}

function TestPage() {
  const actions = useActions();
  const [result, setResult] = useState<TestPageResult | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    setResult(await actions.sendTestPage());
    setBusy(false);
  };
  return (
    <section className="panel" aria-labelledby="test-page-title">
      <h3 id="test-page-title">Test page</h3>
      <p className="muted">Checks that pages reach this device: a notification should appear.</p>
      <div className="form__actions">
        <button type="button" className="button" onClick={() => void send()} disabled={busy}>
          Send me a test page
        </button>
      </div>
      {result && (
        <p
          className={result.ok ? 'form__notes' : 'error'}
          role={result.ok ? 'status' : 'alert'}
          data-test-page={result.ok ? 'delivered' : 'failed'}
        >
          {result.ok ? (
            <>
              Delivered at <Time at={result.at} />: the hub sent a test page to your devices.
            </>
          ) : (
            `Not delivered: ${result.message}`
          )}
        </p>
      )}
    </section>
  );
}
