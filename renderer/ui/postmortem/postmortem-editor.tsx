import { useDeferredValue, useState } from 'react';
import { incidentLabel, type Incident } from '../../../shared/domain/incident.js';
import { findIncident } from '../../../shared/domain/state.js';
import type { DraftStatus } from '../../../shared/postmortem/draft-status.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { DayTime, FormError } from '../common/bits.js';
import { InlineRejections } from '../common/inline-rejections.js';
import { MarkdownPreview } from './markdown-preview.js';
import { PostmortemExports } from './postmortem-exports.js';
import { revisionWords } from './postmortem-status.js';

/** The draft in a Markdown editor beside its preview; saved on this computer as it is typed. */
export function PostmortemEditor({ incident, status }: { incident: Incident; status: DraftStatus }) {
  const actions = useActions();
  const draft = useAppStore((s) => s.localDrafts[incident.id]);
  const preview = useDeferredValue(draft?.markdown ?? '');
  if (!draft) return null;
  return (
    <section className="panel postmortem__editor" aria-labelledby="postmortem-editor-title">
      <h3 id="postmortem-editor-title">Draft</h3>
      <SaveLine incident={incident} status={status} savedAt={draft.savedAt} />
      <Toolbar incident={incident} status={status} markdown={draft.markdown} />
      <InlineRejections incidentId={incident.id} types={['postmortem.publish']} />
      <div className="postmortem__panes">
        <label className="postmortem__source">
          <span className="postmortem__pane-title">Markdown</span>
          <textarea
            id="postmortem-text"
            className="postmortem__text"
            value={draft.markdown}
            spellCheck
            onChange={(e) => actions.postmortem.editDraft(incident.id, e.target.value)}
          />
        </label>
        <div className="postmortem__preview">
          <span className="postmortem__pane-title" aria-hidden="true">
            Preview
          </span>
          <MarkdownPreview markdown={preview} label="Preview" print />
        </div>
      </div>
    </section>
  );
}

/** Where the draft is: saved here (when), published or waiting for the hub, and what it builds on. */
function SaveLine({ incident, status, savedAt }: { incident: Incident; status: DraftStatus; savedAt: string }) {
  const save = useAppStore((s) => s.draftSaves[incident.id]);
  const confirmed = useAppStore((s) => findIncident(s.confirmed.incidents, incident.id)?.postmortem ?? null);
  const online = useAppStore((s) => s.status === 'online');
  return (
    <div className="postmortem__state" aria-live="polite">
      {save?.kind === 'failed' ? (
        <p className="error" role="alert">
          {save.message}
        </p>
      ) : (
        <p>
          {save?.kind === 'waiting' ? (
            'Saving on this computer…'
          ) : save?.kind === 'saved' ? (
            <>
              Saved on this computer at <DayTime at={save.at} />.
            </>
          ) : (
            <>
              Saved on this computer at <DayTime at={savedAt} />.
            </>
          )}{' '}
          <strong data-draft-status={status}>
            {status === 'unpublished' && 'Not published.'}
            {status === 'publishing' &&
              (online ? 'Publishing…' : 'Publishing when the hub is reachable again (it waits in the outbox).')}
            {status === 'published' && 'Published: the hub has exactly this text.'}
          </strong>
        </p>
      )}
      {confirmed && (
        <p className="muted small">
          Latest published: {revisionWords(confirmed)} at <DayTime at={confirmed.publishedAt} />.
        </p>
      )}
    </div>
  );
}

function Toolbar({ incident, status, markdown }: { incident: Incident; status: DraftStatus; markdown: string }) {
  const actions = useActions();
  const [message, setMessage] = useState<string | null>(null);
  const [confirmDiscard, setConfirmDiscard] = useState(false);
  const canPublish = status === 'unpublished';
  const publish = async (): Promise<void> => {
    const result = await actions.postmortem.publish(incident.id);
    setMessage(result.ok ? null : result.message);
  };
  const discard = async (): Promise<void> => {
    if (!confirmDiscard) {
      setConfirmDiscard(true);
      return;
    }
    const result = await actions.postmortem.discardDraft(incident.id);
    setConfirmDiscard(false);
    if (!result.ok) setMessage(result.message);
  };
  return (
    <div className="postmortem__toolbar">
      <button
        type="button"
        className="button button--primary"
        disabled={!canPublish}
        onClick={() => void publish()}
        title={canPublish ? 'Send this draft to the hub as a new revision' : undefined}
      >
        Publish
      </button>
      <PostmortemExports label={incidentLabel(incident)} markdown={markdown} />
      <button
        type="button"
        className={`button button--quiet${confirmDiscard ? ' button--danger' : ''}`}
        onClick={() => void discard()}
        onBlur={() => setConfirmDiscard(false)}
      >
        {confirmDiscard ? 'Really discard? The published revisions stay' : 'Discard this draft'}
      </button>
      <FormError message={message} />
    </div>
  );
}
