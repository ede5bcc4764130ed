import { describe, expect, it } from 'vitest';
import { notificationOptions, pageNotificationOptions } from './notification-policy.js';

describe('notificationOptions', () => {
  const urgent = { title: 'INC-1 SEV-1: Checkout down', body: 'Service: checkout', urgent: true, incidentId: 'inc-1' };

  it('keeps urgent notifications until dismissed, critical on Linux', () => {
    expect(notificationOptions(urgent, 'linux')).toEqual({
      title: urgent.title,
      body: urgent.body,
      timeoutType: 'never',
      urgency: 'critical',
    });
    expect(notificationOptions(urgent, 'win32')).toEqual({
      title: urgent.title,
      body: urgent.body,
      timeoutType: 'never',
    });
  });

  it('lets the others go by themselves', () => {
    expect(notificationOptions({ ...urgent, urgent: false }, 'linux')).toMatchObject({
      timeoutType: 'default',
      urgency: 'normal',
    });
    expect(notificationOptions({ ...urgent, urgent: false }, 'darwin')).not.toHaveProperty('urgency');
  });
});

describe('pageNotificationOptions', () => {
  const page = {
    pageId: 'p-1',
    incidentId: 'inc-1',
    title: 'Paged: INC-12 SEV-1 Checkout down',
    body: 'You are on call: acknowledge to stop the escalation. Service: checkout.',
    acknowledge: true,
    repeat: 0,
  };

  it('is urgent everywhere and offers Acknowledge where Electron shows buttons (macOS, Windows)', () => {
    for (const platform of ['darwin', 'win32'])
      expect(pageNotificationOptions(page, platform)).toEqual({
        title: page.title,
        body: page.body,
        silent: false,
        timeoutType: 'never',
        ...(platform === 'win32' ? { urgency: 'critical' } : {}),
        actions: [{ type: 'button', text: 'Acknowledge' }],
      });
  });

  it('is critical on Linux, with no button: clicking opens the incident, the tray acknowledges', () => {
    expect(pageNotificationOptions(page, 'linux')).toEqual({
      title: page.title,
      body: page.body,
      silent: false,
      timeoutType: 'never',
      urgency: 'critical',
    });
  });

  it('offers no button for a test page or an ack-timeout page', () => {
    const test = {
      ...page,
      incidentId: null,
      acknowledge: false,
      title: 'Test page from Warroom — notifications reach you.',
    };
    expect(pageNotificationOptions(test, 'darwin')).not.toHaveProperty('actions');
    expect(pageNotificationOptions(test, 'darwin')).toMatchObject({ timeoutType: 'never', title: test.title });
  });
});
