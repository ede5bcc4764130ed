/**
 * Text made safe inside HTML (and XML) elements and quoted attributes: the hub's server-made pages and mails, the
 * public status page and its Atom feed. The one definition; hub/http/escape-html.ts re-exports it.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
