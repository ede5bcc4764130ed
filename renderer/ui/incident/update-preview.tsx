import { useMemo } from 'react';
import type { Incident } from '../../../shared/domain/incident.js';
import { previewIncident, publicServiceIdsToNames } from '../../../shared/status-page/preview.js';
import { renderIncidentBlock } from '../../../shared/status-page/render/render-page-html.js';
import { EMPTY_STATUS_PAGE_CONFIG } from '../../../shared/status-page/status-page-config.js';
import { useAppStore } from '../../store/store-context.js';
import { useNow } from '../common/use-now.js';
import { PublicPreview } from '../status-page/public-preview.js';

/**
 * "How it will appear on the status page": the incident as the page would show it with this draft posted now, in
 * the page's own markup (shared/status-page/preview.ts, then the page's renderer).
 */
export function UpdatePreview({
  incident,
  text,
  publicTitle,
}: {
  incident: Incident;
  text: string;
  publicTitle: string;
}) {
  const config = useAppStore((s) => s.statusPage?.config ?? EMPTY_STATUS_PAGE_CONFIG);
  const me = useAppStore((s) => s.user);
  const now = useNow(15_000);
  const html = useMemo(() => {
    if (!me) return null;
    const nowIso = new Date(now).toISOString();
    const person = { id: me.id, name: me.name };
    const preview = previewIncident(incident, text, publicTitle, config, person, nowIso);
    return preview ? renderIncidentBlock(preview, publicServiceIdsToNames(config)) : null;
  }, [incident, text, publicTitle, config, me, now]);
  return (
    <section className="updates__preview" aria-labelledby={`preview-title-${incident.id}`}>
      <h4 id={`preview-title-${incident.id}`}>How it will appear on the status page</h4>
      {html ? (
        <PublicPreview html={html} label="Status page preview" />
      ) : (
        <p className="muted small">
          {incident.public.title === null && !publicTitle.trim()
            ? 'Give it a public title to see the preview.'
            : 'Type the update to see the preview.'}
        </p>
      )}
    </section>
  );
}
