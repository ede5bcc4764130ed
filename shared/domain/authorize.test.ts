import { describe, expect, it } from 'vitest';
import { authorizeCommand, refuseViewerWork } from './authorize.js';

describe('authorizeCommand', () => {
  it('lets responders and admins act, and refuses viewers', () => {
    expect(authorizeCommand('responder')).toBeNull();
    expect(authorizeCommand('admin')).toBeNull();
    expect(authorizeCommand('viewer')?.code).toBe('forbidden');
  });
});

describe('refuseViewerWork: viewers follow incidents but do no response work', () => {
  it('refuses a viewer for a role, saying who can change it', () => {
    expect(refuseViewerWork({ name: 'Dana', role: 'viewer' }, 'role')).toEqual({
      code: 'viewer_cannot_respond',
      message:
        'Dana is a viewer: viewers follow incidents but cannot hold Incident Lead, Comms Lead or Fixer. An admin can make them a responder.',
    });
  });

  it('words the refusal for a checklist item and for being on call', () => {
    expect(refuseViewerWork({ name: 'Dana', role: 'viewer' }, 'checklist item')?.message).toBe(
      'Dana is a viewer: viewers follow incidents but cannot own checklist items. An admin can make them a responder.',
    );
    expect(refuseViewerWork({ name: 'Dana', role: 'viewer' }, 'on call')?.message).toBe(
      'Dana is a viewer: viewers follow incidents but cannot be on call or cover a shift. An admin can make them a responder.',
    );
  });

  it('accepts responders and admins', () => {
    expect(refuseViewerWork({ name: 'Ana', role: 'responder' }, 'role')).toBeNull();
    expect(refuseViewerWork({ name: 'Root', role: 'admin' }, 'on call')).toBeNull();
  });
});
