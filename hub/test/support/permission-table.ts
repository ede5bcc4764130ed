import { readFileSync } from 'node:fs';

/**
 * The permission table of docs/protocol.md ("## Permissions"), read from the Markdown, so the tests check the
 * table people read: `resilience-permissions` (every cell against a running hub) and `permissions-before-lookup`
 * (the same cells for things that do not exist).
 */
export type Column = 'viewer' | 'responder' | 'admin' | 'no token' | 'revoked token';
export const COLUMNS: readonly Column[] = ['viewer', 'responder', 'admin', 'no token', 'revoked token'];
export type Cell = { kind: 'allowed' } | { kind: 'own' } | { kind: 'refused'; code: string };
export type PermissionTable = Map<string, Record<Column, Cell>>;

/** Rows by request ("command incident.declare", "oncall.change override.save", "HTTP GET /api/incidents"…). */
export function readPermissionTable(): PermissionTable {
  const markdown = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');
  const section = markdown.split(/^## Permissions$/m)[1]?.split(/^## /m)[0] ?? '';
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  const header = cells(lines[0] ?? '');
  if (header.join('|') !== ['request', ...COLUMNS].join('|'))
    throw new Error(`the permission table's columns changed: ${header.join(', ')}`);
  const rows: PermissionTable = new Map();
  for (const line of lines.slice(2)) {
    const [request = '', ...values] = cells(line);
    const key = request
      .replace(/\(.*\)/, '')
      .replaceAll('`', '')
      .trim();
    const row = Object.fromEntries(COLUMNS.map((column, i) => [column, cell(values[i] ?? '')])) as Record<Column, Cell>;
    rows.set(key, row);
  }
  return rows;
}

/** One row, or a thrown error naming it (a test asking for a row the table lacks is broken). */
export function permissionRow(table: PermissionTable, request: string): Record<Column, Cell> {
  const row = table.get(request);
  if (!row) throw new Error(`the permission table has no row "${request}"`);
  return row;
}

function cells(line: string): string[] {
  return line
    .split('|')
    .slice(1, -1)
    .map((c) => c.trim());
}

function cell(text: string): Cell {
  if (text === '✓') return { kind: 'allowed' };
  if (text === 'own') return { kind: 'own' };
  const code = /^`([\w]+)`$/.exec(text)?.[1];
  if (!code) throw new Error(`unreadable cell "${text}"`);
  return { kind: 'refused', code };
}
