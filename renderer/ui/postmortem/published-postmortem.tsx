import { incidentLabel, type Incident } from '../../../shared/domain/incident.js';
import { useActions } from '../../store/store-context.js';
import { DateTime } from '../common/bits.js';
import { MarkdownPreview } from './markdown-preview.js';
import { PostmortemExports } from './postmortem-exports.js';
import { revisionWords } from './postmortem-status.js';

/** The published postmortem, with no local draft: read it, export it, or start a new revision from it. */
export function PublishedPostmortem({ incident, outdated }: { incident: Incident; outdated?: boolean }) {
  const actions = useActions();
  const postmortem = incident.postmortem;
  if (!postmortem) return null;
  return (
    <section className="panel postmortem__published" aria-labelledby="postmortem-published-title">
      <h3 id="postmortem-published-title">Published postmortem</h3>
      <p className="muted">
        {revisionWords(postmortem)} at <DateTime at={postmortem.publishedAt} />.
      </p>
      {outdated && (
        <p data-draft-status="outdated">
          Your draft on this computer was published as an earlier revision, and this newer one has been published since.
          Your text is kept in the incident’s log; a new revision starts from this one.
        </p>
      )}
      <div className="postmortem__toolbar">
        <button
          type="button"
          className="button button--primary"
          onClick={() => actions.postmortem.startDraft(incident.id)}
        >
          Edit: start a new revision
        </button>
        <PostmortemExports label={incidentLabel(incident)} markdown={postmortem.markdown} />
      </div>
      <MarkdownPreview markdown={postmortem.markdown} label="Published postmortem" print />
    </section>
  );
}
