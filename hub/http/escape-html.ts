/** Text made safe inside HTML elements and quoted attributes (the hub's few server-made pages and mails). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
