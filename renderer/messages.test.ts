import { describe, expect, it } from 'vitest';
import { changes, describeCommand, refusalMessage } from './messages.js';
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
    expect(describeCommand(queued({ type: 'incident.change_status', payload: { status: 'resolved' } }))).toBe(
      'Move to resolved',
    );
    expect(
      describeCommand(queued({ type: 'incident.change_status', payload: { status: 'declined', reason: 'Noise' } })),
    ).toBe('Move to declined (“Noise”)');
    expect(
      describeCommand(queued({ type: 'role.assign', payload: { role: 'comms', person: { id: 'b', name: 'Bo' } } })),
    ).toBe('Make Bo Communication Lead');
    expect(
      describeCommand(queued({ type: 'status_update.post', payload: { audience: 'external', text: 'Fixed' } })),
    ).toBe('Post an external update “Fixed”');
    expect(describeCommand(queued({ type: 'something.new', payload: {} }))).toBe('something new');
    expect(describeCommand(queued({ type: 'tried.add', payload: { what: 42 } }))).toBe("Add “” to what we've tried");
  });

  it('counts changes in singular and plural', () => {
    expect(changes(1)).toBe('1 change');
    expect(changes(3)).toBe('3 changes');
  });
});
