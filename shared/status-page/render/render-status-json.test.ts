import { describe, expect, it } from 'vitest';
import { incidentAnchor, publicId } from '../public-status.js';
import { renderStatusJson } from './render-status-json.js';
import { statusJsonSchema } from './status-json-schema.js';
import { EVIL_BODY, EVIL_TITLE, INTERNAL_WORDS, PAGE_URL, scriptedStatus } from './test-support.js';

function json() {
  const { status } = scriptedStatus();
  const text = renderStatusJson(status, { pageUrl: PAGE_URL });
  return { status, text, parsed: statusJsonSchema.parse(JSON.parse(text)) };
}

/** Statuspage's summary.json field names (api/v2), which widgets written for Statuspage read. */
const STATUSPAGE_FIELDS = {
  top: ['page', 'status', 'components', 'incidents', 'scheduled_maintenances'],
  page: ['id', 'name', 'url', 'time_zone', 'updated_at'],
  status: ['indicator', 'description'],
  component: [
    'id',
    'name',
    'status',
    'created_at',
    'updated_at',
    'position',
    'description',
    'showcase',
    'start_date',
    'group_id',
    'page_id',
    'group',
    'only_show_if_degraded',
  ],
  incident: [
    'id',
    'name',
    'status',
    'created_at',
    'updated_at',
    'monitoring_at',
    'resolved_at',
    'impact',
    'shortlink',
    'started_at',
    'page_id',
    'incident_updates',
    'components',
  ],
  update: ['id', 'status', 'body', 'incident_id', 'created_at', 'updated_at', 'display_at'],
  maintenance: ['scheduled_for', 'scheduled_until'],
};

describe('status.json', () => {
  it("parses with its schema and has Statuspage's summary.json field names", () => {
    const { parsed } = json();
    expect(Object.keys(parsed)).toEqual(expect.arrayContaining(STATUSPAGE_FIELDS.top));
    expect(Object.keys(parsed.page).sort()).toEqual([...STATUSPAGE_FIELDS.page].sort());
    expect(Object.keys(parsed.status).sort()).toEqual([...STATUSPAGE_FIELDS.status].sort());
    for (const c of parsed.components) expect(Object.keys(c).sort()).toEqual([...STATUSPAGE_FIELDS.component].sort());
    const incident = parsed.incidents[0];
    expect(Object.keys(incident ?? {}).sort()).toEqual([...STATUSPAGE_FIELDS.incident].sort());
    expect(Object.keys(incident?.incident_updates[0] ?? {}).sort()).toEqual([...STATUSPAGE_FIELDS.update].sort());
    expect(Object.keys(parsed.scheduled_maintenances[0] ?? {})).toEqual(
      expect.arrayContaining([...STATUSPAGE_FIELDS.incident, ...STATUSPAGE_FIELDS.maintenance]),
    );
  });

  it('says what the page says, in Statuspage values', () => {
    const { parsed, status } = json();
    expect(parsed.page).toMatchObject({ name: 'Acme status', url: PAGE_URL, time_zone: 'Europe/Berlin' });
    expect(parsed.page.updated_at).toBe(status.updatedAt);
    expect(parsed.status).toEqual({ indicator: 'minor', description: 'Minor Service Outage' });
    expect(parsed.components.map((c) => [c.name, c.status, c.position, c.description])).toEqual([
      ['Checkout', 'degraded_performance', 1, 'Paying for orders'],
      ['Search', 'operational', 2, null],
      ['Login & accounts', 'operational', 3, null],
    ]);
    expect(parsed.incidents).toHaveLength(1);
    const incident = parsed.incidents[0];
    expect(incident).toMatchObject({
      id: publicId('inc-1'),
      name: EVIL_TITLE,
      status: 'monitoring',
      impact: 'major',
      created_at: '2025-03-30T11:39:00.000Z',
      started_at: '2025-03-30T11:39:00.000Z',
      monitoring_at: '2025-03-30T12:00:00.000Z',
      resolved_at: null,
      shortlink: `${PAGE_URL}#${incidentAnchor('inc-1')}`,
    });
    expect(incident?.components.map((c) => c.name)).toEqual(['Checkout']);
    expect(incident?.incident_updates.map((u) => [u.status, u.body, u.display_at, u.incident_id])).toEqual([
      ['monitoring', 'A fix is out; we are watching.', '2025-03-30T12:00:00.000Z', publicId('inc-1')],
      ['investigating', EVIL_BODY, '2025-03-30T11:39:00.000Z', publicId('inc-1')],
    ]);
    expect(
      parsed.scheduled_maintenances.map((m) => [m.name, m.status, m.impact, m.scheduled_for, m.scheduled_until]),
    ).toEqual([
      ['Database upgrade', 'scheduled', 'maintenance', '2025-03-31T12:00:00.000Z', '2025-03-31T14:00:00.000Z'],
    ]);
    expect(parsed.scheduled_maintenances[0]?.components.map((c) => c.name)).toEqual(['Login & accounts']);
  });

  it('carries the 90-day history and past incidents in its warroom extension, as PublicStatus has them', () => {
    const { parsed, status } = json();
    expect(parsed.warroom.past_incidents.map((i) => [i.name, i.status, i.resolved_at])).toEqual([
      ['Search is slow', 'resolved', '2025-03-01T11:35:00.000Z'],
    ]);
    expect(parsed.warroom.history.days).toBe(90);
    expect(parsed.warroom.history.time_zone).toBe('Europe/Berlin');
    expect(parsed.warroom.history.components.map((c) => c.id)).toEqual(parsed.components.map((c) => c.id));
    expect(parsed.warroom.history.components[1]?.days).toEqual(
      status.services[1]?.history.map((d) => ({ date: d.date, status: d.state, refs: d.refs })),
    );
    expect(parsed.warroom.history.components[1]?.days.find((d) => d.date === '2025-03-01')).toEqual({
      date: '2025-03-01',
      status: 'degraded_performance',
      refs: [publicId('inc-old')],
    });
  });

  it('is plain JSON data: no internal words, markup kept as the text it is, the same on every render', () => {
    const { text, status } = json();
    for (const word of INTERNAL_WORDS) expect(text).not.toContain(word);
    expect(text).toContain(JSON.stringify(EVIL_TITLE));
    expect(renderStatusJson(status, { pageUrl: PAGE_URL })).toBe(text);
  });

  it('the schema refuses what is not the contract (a strict shape)', () => {
    const { parsed } = json();
    expect(statusJsonSchema.safeParse({ ...parsed, extra: 1 }).success).toBe(false);
    const wrongState = { ...parsed, components: [{ ...parsed.components[0], status: 'down' }] };
    expect(statusJsonSchema.safeParse(wrongState).success).toBe(false);
  });
});
