import { describe, expect, it } from 'vitest';
import { groupNotifications } from './notice-groups.js';
import type { IncidentNotification } from './notifications.js';

const notice = (i: number, overrides: Partial<IncidentNotification> = {}): IncidentNotification => ({
  kind: 'new-incident',
  incidentId: `inc-${i}`,
  title: `INC-${i} SEV-2: Disk full on db-${i}`,
  body: 'Service: db',
  urgent: false,
  source: 'Alertmanager',
  ...overrides,
});

describe('groupNotifications', () => {
  it('shows a lone notification as it is, tagged by kind and incident', () => {
    expect(groupNotifications([notice(1)])).toEqual([
      {
        tag: 'new-incident:inc-1',
        title: 'INC-1 SEV-2: Disk full on db-1',
        body: 'Service: db',
        urgent: false,
        incidentId: 'inc-1',
        count: 1,
      },
    ]);
  });

  it('turns a storm into one notification naming its source, urgent first in the list, the rest counted', () => {
    const storm = Array.from({ length: 12 }, (_, i) => notice(i + 1, { urgent: i === 7 }));
    const [group, ...rest] = groupNotifications(storm);
    expect(rest).toEqual([]);
    expect(group).toMatchObject({
      tag: 'group:new-incident',
      title: '12 new incidents from Alertmanager',
      urgent: true,
      incidentId: null,
      count: 12,
    });
    expect(group?.body.split('\n')).toEqual([
      'INC-8 SEV-2: Disk full on db-8',
      'INC-1 SEV-2: Disk full on db-1',
      'INC-2 SEV-2: Disk full on db-2',
      'INC-3 SEV-2: Disk full on db-3',
      'INC-4 SEV-2: Disk full on db-4',
      'and 7 more',
    ]);
  });

  it('names no source when they come from several, and counts an incident once', () => {
    const [group] = groupNotifications([notice(1), notice(1), notice(2, { source: 'Ana' })]);
    expect(group).toMatchObject({ title: '2 new incidents', count: 2 });
  });

  it('keeps kinds apart: a role given to me is not lost in a storm of new incidents', () => {
    const shown = groupNotifications([
      notice(1),
      notice(2),
      notice(3, { kind: 'role-assigned', title: 'You are Incident Lead on INC-3' }),
    ]);
    expect(shown.map((n) => n.title)).toEqual(['You are Incident Lead on INC-3', '2 new incidents from Alertmanager']);
  });

  it('shows nothing for nothing', () => {
    expect(groupNotifications([])).toEqual([]);
  });
});
