import { useState } from 'react';
import { useActions } from '../../store/store-context.js';
import { errorText } from '../../store/action-results.js';
import { exportName } from './postmortem-status.js';

/** Export buttons: a Markdown file, and a PDF of the preview (the page's print style sheet shows only it). */
export function PostmortemExports({ label, markdown }: { label: string; markdown: string }) {
  const actions = useActions();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const run = async (what: 'markdown' | 'pdf'): Promise<void> => {
    try {
      const saved =
        what === 'markdown'
          ? await actions.saveFile({ suggestedName: exportName(label, 'md'), kind: 'markdown', text: markdown })
          : await actions.printPdf({ suggestedName: exportName(label, 'pdf') });
      if (saved.where) setResult({ ok: true, text: `Saved to ${saved.where}` });
      else if (saved.saved) setResult({ ok: true, text: 'Downloaded.' });
      else setResult(null); // cancelled, or the browser's print dialog (which says what it did itself)
    } catch (error) {
      setResult({ ok: false, text: `Not exported: ${errorText(error)}` });
    }
  };
  return (
    <div className="postmortem__exports">
      <button type="button" className="button" onClick={() => void run('markdown')}>
        Export Markdown
      </button>
      <button type="button" className="button" onClick={() => void run('pdf')}>
        Export PDF
      </button>
      {result && (
        <span className={result.ok ? 'muted' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </span>
      )}
    </div>
  );
}
