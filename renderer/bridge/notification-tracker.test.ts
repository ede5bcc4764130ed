import { describe, expect, it } from 'vitest';
import { DEFAULT_NOTIFICATION_PREFS } from '../../shared/ipc/settings.js';
import { TestHub } from '../../shared/domain/test-support.js';
import { bob, stateWith, viewOf } from '../test-views.js';
import { NotificationTracker } from './notification-tracker.js';

describe('NotificationTracker', () => {
  const prefs = DEFAULT_NOTIFICATION_PREFS;

  it('takes the first online state as a baseline and announces what comes after', () => {
    const hub = new TestHub();
    const tracker = new NotificationTracker();
    const before = stateWith([{ id: 'old', title: 'Old news', severity: 'SEV-1', by: bob }], hub);
    expect(tracker.next(viewOf({ confirmed: before }), prefs)).toEqual([]);
    const after = stateWith([{ id: 'new', title: 'Fresh fire', severity: 'SEV-1', by: bob }], hub);
    const notes = tracker.next(viewOf({ confirmed: after }), prefs);
    expect(notes.map((n) => [n.kind, n.incidentId, n.urgent])).toEqual([['new-incident', 'new', true]]);
  });

  it('stays quiet while offline, then announces what the catch-up brought', () => {
    const hub = new TestHub();
    const tracker = new NotificationTracker();
    tracker.next(viewOf({ confirmed: hub.state }), prefs);
    const during = stateWith([{ id: 'x', title: 'During the outage', severity: 'SEV-2', by: bob }], hub);
    expect(tracker.next(viewOf({ status: 'connecting', confirmed: during }), prefs)).toEqual([]);
    expect(tracker.next(viewOf({ status: 'online', confirmed: during }), prefs)).toHaveLength(1);
  });

  it('starts over after reset (another hub or person)', () => {
    const hub = new TestHub();
    const tracker = new NotificationTracker();
    tracker.next(viewOf({ confirmed: hub.state }), prefs);
    tracker.reset();
    const next = stateWith([{ id: 'y', title: 'Not news to a new baseline', severity: 'SEV-1', by: bob }], hub);
    expect(tracker.next(viewOf({ confirmed: next }), prefs)).toEqual([]);
  });

  it('announces nothing without a signed-in user', () => {
    const tracker = new NotificationTracker();
    expect(tracker.next(viewOf({ user: null }), prefs)).toEqual([]);
  });
});
