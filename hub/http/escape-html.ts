/** The one definition lives in shared/ (the public status page renders there too). */
export { escapeHtml } from '../../shared/text/escape-html.js';
