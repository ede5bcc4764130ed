import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../shared/domain/errors.js';
import { changes, describeCommand, refusalAdvice, refusalMessage } from './messages.js';
import { queued } from './test-views.js';

describe('words for people', () => {
  it('explains a refused token, and passes protocol messages through', () => {
    expect(refusalMessage({ code: 'unauthorized', message: 'This token is unknown or revoked.' })).toBe(
      'The hub did not accept this token. This token is unknown or revoked.',
    );
    expect(refusalMessage({ code: 'protocol_too_old', message: 'Update the app.' })).toBe('Update the app.');
    expect(refusalMessage({ code: 'bad_handshake', message: 'auth missing' })).toBe(
      'The hub could not read the sign-in. auth missing',
    );
  });

  it('names the refused change by what the person typed', () => {
    expect(
      describeCommand(queued({ type: 'incident.declare', payload: { title: 'DB down', severity: 'SEV-1' } })),
    ).toBe('Declare “DB down”');
    expect(describeCommand(queued())).toBe("Add “Restarted the pool” to what we've tried");
    expect(
      describeCommand(queued({ type: 'incident.change_status', payload: { status: 'resolved', reason: '' } })),
    ).toBe('Move to resolved');
    expect(
      describeCommand(queued({ type: 'incident.change_status', payload: { status: 'declined', reason: 'Noise' } })),
    ).toBe('Move to declined (“Noise”)');
    expect(
      describeCommand(queued({ type: 'role.assign', payload: { role: 'comms', person: { id: 'b', name: 'Bo' } } })),
    ).toBe('Make Bo Communication Lead');
    expect(
      describeCommand(
        queued({ type: 'status_update.post', payload: { updateId: 'u1', audience: 'external', text: 'Fixed' } }),
      ),
    ).toBe('Post an external update “Fixed”');
  });

  it('names postmortem and follow-up changes in words', () => {
    const bo = { id: 'b', name: 'Bo' };
    expect(
      describeCommand(
        queued({
          type: 'postmortem.publish',
          payload: { revision: 'r1', baseRevision: null, markdown: '# Postmortem' },
        }),
      ),
    ).toBe('Publish the postmortem');
    expect(
      describeCommand(
        queued({
          type: 'postmortem.publish',
          payload: { revision: 'r2', baseRevision: 'r1', markdown: '# Postmortem' },
        }),
      ),
    ).toBe('Publish a new revision of the postmortem');
    expect(
      describeCommand(
        queued({ type: 'followup.add', payload: { followupId: 'f1', text: 'Alert on pool use', owner: bo } }),
      ),
    ).toBe('Add follow-up “Alert on pool use” for Bo');
    expect(
      describeCommand(queued({ type: 'followup.add', payload: { followupId: 'f1', text: 'Runbook', owner: null } })),
    ).toBe('Add follow-up “Runbook”');
    expect(
      describeCommand(queued({ type: 'followup.set_state', payload: { followupId: 'f1', state: 'wont-do' } })),
    ).toBe('Set a follow-up to “won’t do”');
    expect(
      describeCommand(queued({ type: 'followup.set_state', payload: { followupId: 'f1', state: 'in-progress' } })),
    ).toBe('Set a follow-up to “in progress”');
    expect(describeCommand(queued({ type: 'followup.assign', payload: { followupId: 'f1', owner: bo } }))).toBe(
      'Give a follow-up to Bo',
    );
    expect(describeCommand(queued({ type: 'followup.assign', payload: { followupId: 'f1', owner: null } }))).toBe(
      'Leave a follow-up without an owner',
    );
  });

  it('says what every refusal means and what to do next', () => {
    const advice = ERROR_CODES.map((code) => refusalAdvice(code, 'tried.add'));
    expect(advice.every((text) => /^[A-Z].{20,}\.$/.test(text))).toBe(true); // a sentence for each code
    expect(new Set(advice).size).toBe(ERROR_CODES.length); // and each its own
    expect(refusalAdvice('conflict', 'postmortem.publish')).toBe(
      'Someone published a newer revision of the postmortem meanwhile: open the merge view, merge both versions, and publish again.',
    );
    expect(refusalAdvice('not_resolved', 'postmortem.publish')).toMatch(/^Postmortems are for resolved incidents/);
    expect(refusalAdvice('review_required', 'incident.change_status')).toBe(
      'Write the postmortem (“Write the postmortem” beside Close), publish it, then close the incident.',
    );
  });

  it('words some refusals for the kind of change they refused', () => {
    expect(refusalAdvice('limit_reached', 'followup.add')).toBe(
      'An incident holds at most 200 follow-up actions: combine some, or track the rest in your issue tracker.',
    );
    expect(refusalAdvice('limit_reached', 'checklist.add_item')).toBe(
      'The incident holds as many of these as it can: combine some, or keep the rest elsewhere.',
    );
    expect(refusalAdvice('no_change', 'postmortem.publish')).toBe(
      'The published postmortem already says exactly this: nothing to publish.',
    );
    expect(refusalAdvice('no_change', 'followup.assign')).toBe('The follow-up has that owner already.');
    expect(refusalAdvice('no_change', 'incident.update')).toBe('Nothing to change: it already is that way.');
  });

  it('counts changes in singular and plural', () => {
    expect(changes(1)).toBe('1 change');
    expect(changes(3)).toBe('3 changes');
  });
});
