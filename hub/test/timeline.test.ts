import { describe, expect, it } from 'vitest';
import { timelineReplySchema } from '../../shared/protocol/wire.js';
import { declare, tried } from './support/commands.js';
import { useTestHub } from './support/test-hub.js';

describe('one incident’s timeline, and the people directory', () => {
  const fixture = useTestHub();

  it('lists the hub’s users in the welcome, for assigning roles', async () => {
    const ana = await fixture.connect(fixture.t.tokens.responder);
    expect(ana.welcome.people.map((p) => `${p.name}:${p.role}`)).toEqual([
      'admin:admin',
      'ana:responder',
      'bo:responder',
      'vic:viewer',
    ]);
  });

  it('answers with the incident’s events only, oldest first', async () => {
    const ana = await fixture.connect(fixture.t.tokens.responder);
    const { incidentId } = await declare(ana);
    const other = await declare(ana, { title: 'Other' });
    await tried(ana, incidentId, 'Restarted workers');
    await tried(ana, other.incidentId, 'Elsewhere');
    const reply = timelineReplySchema.parse(await ana.socket.timeout(5000).emitWithAck('timeline', { incidentId }));
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.events.map((e) => e.type)).toEqual([
      'incident.declared',
      'role.assigned',
      'checklist.created',
      'checklist.created',
      'tried.added',
    ]);
    expect(reply.events.every((e) => e.incidentId === incidentId)).toBe(true);
  });

  it('refuses an unknown incident or a malformed request with a reason', async () => {
    const viewer = await fixture.connect(fixture.t.tokens.viewer);
    const unknown = timelineReplySchema.parse(
      await viewer.socket.timeout(5000).emitWithAck('timeline', { incidentId: 'nope' }),
    );
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const malformed: unknown = await viewer.socket.timeout(5000).emitWithAck('timeline', { incidentId: 42 } as never);
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
  });
});
