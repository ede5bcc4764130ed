import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { AUDIENCES, type Audience } from '../../../shared/domain/incident.js';
import { LIMITS } from '../../../shared/domain/primitives.js';
import { publishRefusal } from '../../../shared/domain/publish-policy.js';
import { incidentAnchor } from '../../../shared/status-page/public-status.js';
import { draftStatusUpdate } from '../../../shared/timeline/draft-update.js';
import { useActions, useAppStore, useStoreApi } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { selectIncident } from '../../store/selectors.js';
import { FormError } from '../common/bits.js';
import { LimitedInput, LimitedTextarea } from '../common/limited-text.js';
import { statusPageIncidentUrl, useStatusPage } from '../status-page/use-status-page.js';
import { UpdatePreview } from './update-preview.js';

const AUDIENCE_LABELS: Readonly<Record<Audience, string>> = {
  internal: 'Internal',
  external: 'External (customers)',
};

const TEXT_ID = 'update-text';
const TITLE_ID = 'update-public-title';

/**
 * Writes and posts a status update. An external one asks first ("This goes to customers: post?"), and after it the
 * audience is Internal again, so the next quick note to the team never reaches customers by a leftover choice.
 * Who may publish is known before anyone types (the hub's policy, shared/domain/publish-policy.ts): for others the
 * external choice says why and cannot be picked. A first external update carries the incident's public title, and a
 * preview shows the update exactly as the status page will. What is typed is kept as a draft, whatever happens.
 */
export function UpdateForm({ incidentId }: { incidentId: string }) {
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const actions = useActions();
  const store = useStoreApi();
  const key = draftKeys.updateText(incidentId);
  const titleKey = draftKeys.publicTitle(incidentId);
  const text = useAppStore((s) => s.drafts[key] ?? '');
  const publicTitle = useAppStore((s) => s.drafts[titleKey] ?? '');
  const incident = useAppStore(selectIncident(incidentId));
  const me = useAppStore((s) => s.user);
  const statusPage = useStatusPage();
  const refusal =
    incident && me ? publishRefusal(incident, me, statusPage?.publishers ?? 'comms-or-lead')?.message : undefined;
  const needsTitle = incident?.public.title === null;
  const [chosen, setAudience] = useState<Audience>('internal');
  // Refused (or no longer allowed: Comms moved on), the form is internal; the text stays in the draft.
  const audience: Audience = refusal ? 'internal' : chosen;
  /** Asking "This goes to customers: post?" for the text as it is now. */
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Set after an external update went: where to see it. */
  const [postedExternal, setPostedExternal] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The question takes the focus: Enter posts, Escape goes back to the text.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  const send = async () => {
    setConfirming(false);
    const posted = audience;
    const title = publicTitle.trim();
    const result = await actions.command({
      type: 'status_update.post',
      incidentId,
      payload: {
        updateId: actions.newId(),
        audience: posted,
        text: text.trim(),
        ...(posted === 'external' && needsTitle ? { publicTitle: title } : {}),
      },
    });
    if (!result.ok) return setError(result.message); // the text stays
    setError(null);
    if (posted === 'external') {
      clearDrafts(key, titleKey);
      setAudience('internal');
      setPostedExternal(true);
    } else clearDrafts(key);
    document.getElementById(TEXT_ID)?.focus();
  };
  /** Internal goes at once; external asks first (a second Post, or Cancel). */
  const post = () => {
    if (audience === 'internal') return void send();
    if (needsTitle && !publicTitle.trim()) {
      setError('Give the incident a public title first: the status page shows it, never the internal title.');
      document.getElementById(TITLE_ID)?.focus();
      return;
    }
    if (confirming)
      confirmButton.current?.focus(); // a second "Post external update" lands on the question
    else setConfirming(true);
  };
  const cancel = () => {
    setConfirming(false);
    document.getElementById(TEXT_ID)?.focus();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    post();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      post();
    }
  };
  const edit = (value: string) => {
    setConfirming(false); // the question was about the text before this change
    setDraft(key, value);
  };
  /** What happened since the last update, in words, for the person to edit; never replaces what they typed. */
  const draft = () => {
    const s = store.getState();
    const current = selectIncident(incidentId)(s);
    if (!current) return;
    const events = s.timelineIncidentId === incidentId ? s.timelineEvents : [];
    const drafted = draftStatusUpdate(current, events, audience);
    edit(text.trim() ? `${text.trimEnd()}\n\n${drafted}` : drafted);
    document.getElementById(TEXT_ID)?.focus();
  };
  const pageLink = statusPage ? statusPageIncidentUrl(statusPage.pageUrl, incidentAnchor(incidentId)) : null;

  return (
    <form className="form updates__form" aria-label="Post a status update" onSubmit={submit} noValidate>
      <fieldset className="segmented">
        <legend>Audience</legend>
        {AUDIENCES.map((a) => {
          const blocked = a === 'external' && refusal !== undefined;
          return (
            <label key={a} className={`segmented__option${blocked ? ' segmented__option--blocked' : ''}`}>
              <input
                type="radio"
                name={`audience-${incidentId}`}
                value={a}
                checked={audience === a}
                disabled={blocked}
                aria-describedby={blocked ? `${TEXT_ID}-not-publisher` : undefined}
                onChange={() => {
                  setConfirming(false);
                  setPostedExternal(false);
                  setAudience(a);
                }}
              />
              <span>{AUDIENCE_LABELS[a]}</span>
            </label>
          );
        })}
      </fieldset>
      {refusal && (
        <p className="muted small" id={`${TEXT_ID}-not-publisher`}>
          External updates: {refusal}
        </p>
      )}
      {audience === 'external' && needsTitle && (
        <div className="field">
          <label htmlFor={TITLE_ID}>Public title</label>
          <LimitedInput
            limit={LIMITS.title}
            id={TITLE_ID}
            value={publicTitle}
            onChange={(e) => {
              setConfirming(false);
              setDraft(titleKey, e.target.value);
            }}
            aria-describedby={`${TITLE_ID}-hint`}
            placeholder="What customers read, e.g. “Some payments fail”"
          />
          <p className="muted small" id={`${TITLE_ID}-hint`}>
            The status page shows this title, never the internal one.
          </p>
        </div>
      )}
      <div className="field">
        <label htmlFor={TEXT_ID}>Update</label>
        <LimitedTextarea
          limit={LIMITS.longText}
          id={TEXT_ID}
          value={text}
          onChange={(e) => edit(e.target.value)}
          onKeyDown={onKeyDown}
          rows={4}
          placeholder="What is happening, what we are doing, when the next update comes. Ctrl+Enter posts."
        />
      </div>
      <div className="form__actions">
        <button type="button" className="button" onClick={draft}>
          Draft from timeline
        </button>
        <button type="submit" className="button button--primary">
          Post {audience} update
        </button>
      </div>
      {audience === 'external' && incident && (
        <UpdatePreview incident={incident} text={text} publicTitle={needsTitle ? publicTitle : ''} />
      )}
      {confirming && (
        <div
          className="confirm-external"
          role="alertdialog"
          aria-labelledby={`${TEXT_ID}-confirm-question`}
          onKeyDown={(e) => {
            if (e.key !== 'Escape') return;
            e.preventDefault();
            cancel();
          }}
        >
          <p id={`${TEXT_ID}-confirm-question`}>
            <strong>This goes to customers: post?</strong>
          </p>
          <div className="form__actions">
            <button ref={confirmButton} type="button" className="button button--primary" onClick={() => void send()}>
              Post
            </button>
            <button type="button" className="button button--quiet" onClick={cancel}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <FormError message={error} />
      {postedExternal && pageLink && (
        <p className="updates__page-link" role="status">
          Posted to the status page.{' '}
          <a
            href={pageLink}
            rel="noreferrer noopener"
            onClick={(event) => {
              event.preventDefault();
              void actions.openExternal(pageLink);
            }}
          >
            See it on the status page
          </a>
        </p>
      )}
    </form>
  );
}
