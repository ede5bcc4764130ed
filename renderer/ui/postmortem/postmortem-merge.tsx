import { useMemo, useState } from 'react';
import { incidentLabel, type Incident, type Postmortem } from '../../../shared/domain/incident.js';
import { findIncident } from '../../../shared/domain/state.js';
import type { PostmortemDraft } from '../../../shared/postmortem/draft-record.js';
import { publishedText } from '../../../shared/postmortem/draft-status.js';
import { lineDiff } from '../../../shared/postmortem/line-diff.js';
import { foldUnchanged } from './fold-unchanged.js';
import { hasConflictMarkers, mergeRevisions } from '../../../shared/postmortem/merge.js';
import { useActions, useAppStore } from '../../store/store-context.js';
import { draftKeys } from '../../store/draft-keys.js';
import { clockOrDay, DayTime, FormError } from '../common/bits.js';
import { InlineRejections } from '../common/inline-rejections.js';
import { PostmortemExports } from './postmortem-exports.js';

/**
 * Someone published a revision this draft did not build on. Both are shown with what differs; the merged text
 * (their changes and mine combined, conflicting lines marked) is edited, then accepted as the draft, which then
 * builds on their revision and can be published. Nothing is overwritten: until the merge is accepted, the draft on
 * this computer stays exactly as it was, and it can be exported as a file first.
 */
export function PostmortemMerge({ incident }: { incident: Incident }) {
  const draft = useAppStore((s) => s.localDrafts[incident.id]);
  const theirs = useAppStore((s) => findIncident(s.confirmed.incidents, incident.id)?.postmortem ?? null);
  const events = useAppStore((s) => (s.timelineIncidentId === incident.id ? s.timelineEvents : null));
  if (!draft || !theirs) return null;
  const base = events ? publishedText(events, draft.baseRevision) : null;
  return <MergeView incident={incident} draft={draft} theirs={theirs} base={base} />;
}

function MergeView({
  incident,
  draft,
  theirs,
  base,
}: {
  incident: Incident;
  draft: PostmortemDraft;
  theirs: Postmortem;
  base: string | null;
}) {
  const setDraft = useAppStore((s) => s.setDraft);
  const clearDrafts = useAppStore((s) => s.clearDrafts);
  const actions = useActions();
  const key = draftKeys.postmortemMerge(incident.id); // kept in the store: survives leaving the screen
  const typed = useAppStore((s) => s.drafts[key]);
  const merged = useMemo(
    () =>
      mergeRevisions({
        base,
        mine: draft.markdown,
        theirs: theirs.markdown,
        theirsLabel: `theirs (${theirs.publishedBy.name}, ${clockOrDay(theirs.publishedAt)})`,
      }),
    [base, draft.markdown, theirs],
  );
  const diff = useMemo(
    () => foldUnchanged(lineDiff(draft.markdown, theirs.markdown)),
    [draft.markdown, theirs.markdown],
  );
  const text = typed ?? merged.text;
  const [message, setMessage] = useState<string | null>(null);
  const accept = (): void => {
    if (hasConflictMarkers(text)) {
      setMessage(
        'The merged text still has conflict markers (<<<<<<<, =======, >>>>>>>): keep what you want, delete the markers, then accept.',
      );
      return;
    }
    const result = actions.postmortem.acceptMerge(incident.id, text);
    if (result.ok) clearDrafts(key);
    setMessage(result.ok ? null : result.message);
  };
  return (
    <section className="panel merge" aria-labelledby="merge-title">
      <h3 id="merge-title">Merge needed: {theirs.publishedBy.name} published a newer revision</h3>
      <p>
        {theirs.publishedBy.name} published revision {theirs.revisions} at <DayTime at={theirs.publishedAt} /> while
        your draft was based on {draft.baseRevision ? 'an earlier revision' : 'the first draft'}. Nothing has been
        overwritten: your text is still on this computer. Combine the two below, then publish on top of their revision.
      </p>
      <p className="muted small">
        {base !== null
          ? 'Changes made on one side only were taken automatically.'
          : 'The revision you started from is not known here, so every difference is marked for you to choose.'}{' '}
        {merged.conflicts === 0
          ? 'There is nothing to choose: the merged text has both sets of changes.'
          : `${merged.conflicts} ${merged.conflicts === 1 ? 'place needs' : 'places need'} your choice.`}
      </p>
      <InlineRejections incidentId={incident.id} types={['postmortem.publish']} />
      <details className="merge__diff" open>
        <summary>What differs (− only in yours, + only in theirs)</summary>
        <ol className="diff" aria-label="Differences between your draft and the published revision">
          {diff.map((line, i) =>
            line.kind === 'folded' ? (
              <li key={i} className="diff__line diff__line--folded">
                … {line.count} unchanged {line.count === 1 ? 'line' : 'lines'}
              </li>
            ) : (
              <li key={i} className={`diff__line diff__line--${line.kind}`}>
                <span className="diff__sign" aria-label={SIGN_LABELS[line.kind]}>
                  {SIGNS[line.kind]}
                </span>
                {line.text || ' '}
              </li>
            ),
          )}
        </ol>
      </details>
      <label className="merge__result">
        <span className="postmortem__pane-title">Merged text</span>
        <textarea
          id="merge-text"
          className="postmortem__text"
          value={text}
          onChange={(e) => setDraft(key, e.target.value)}
        />
      </label>
      <div className="postmortem__toolbar">
        <button type="button" className="button button--primary" onClick={accept}>
          Use the merged text
        </button>
        <button type="button" className="button button--quiet" onClick={() => clearDrafts(key)}>
          Start the merge again
        </button>
        <PostmortemExports label={`${incidentLabel(incident)}-mine`} markdown={draft.markdown} />
      </div>
      <FormError message={message} />
    </section>
  );
}

const SIGNS = { same: ' ', removed: '−', added: '+' } as const;
const SIGN_LABELS = { same: 'in both', removed: 'only in yours', added: 'only in theirs' } as const;
