import { useEffect, useRef } from 'react';
import { STATUS_PAGE_CSS } from '../../../shared/status-page/render/status-page-css.js';

/**
 * The public page's stylesheet for a shadow root: the page sets its colours on `:root` and `body`, which inside a
 * shadow tree is the host. Made once, shared by every preview.
 */
let sheet: CSSStyleSheet | null = null;
function previewSheet(): CSSStyleSheet | null {
  if (sheet) return sheet;
  if (typeof CSSStyleSheet === 'undefined' || typeof CSSStyleSheet.prototype.replaceSync !== 'function') return null;
  const made = new CSSStyleSheet();
  made.replaceSync(
    STATUS_PAGE_CSS.replace(/:root\b/g, ':host').replace(/(^|\n)body \{/g, '$1:host { display: block; padding: 1rem;'),
  );
  sheet = made;
  return sheet;
}

/**
 * Public markup shown as the status page shows it: the HTML the page's own renderer made (escaped there), inside a
 * shadow root styled with the page's own stylesheet. Why this way: the app's Content-Security-Policy allows no inline
 * style (`style-src 'self'`), so the stylesheet cannot go in a <style> element; a constructed stylesheet adopted by
 * the shadow root is CSSOM, which that policy does not govern, and the shadow root keeps the page's `h1`, `a`, `body`
 * rules from restyling the app around it (and the app's from restyling the preview). Links inside do nothing: the
 * preview is a picture, not a page.
 */
export function PublicPreview({ html, label }: { html: string; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const root = element.shadowRoot ?? attach(element);
    root.innerHTML = `<div class="wrap">${html}</div>`;
  }, [html]);
  return <div ref={host} className="status-preview" role="group" aria-label={label} data-preview="status-page" />;
}

function attach(element: HTMLElement): ShadowRoot {
  const root = element.attachShadow({ mode: 'open' });
  const styles = previewSheet();
  if (styles && 'adoptedStyleSheets' in root) root.adoptedStyleSheets = [styles];
  root.addEventListener('click', (event) => {
    if (event.target instanceof Element && event.target.closest('a')) event.preventDefault();
  });
  return root;
}
