import { createTransport } from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import { startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.js';

let receiver: SmtpReceiver | null = null;
afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

describe('the benchmark SMTP receiver', () => {
  it('pairs mails with their page id, keeps verification mails per address, and orders its moments', async () => {
    receiver = await startSmtpReceiver();
    const transport = createTransport({ host: '127.0.0.1', port: receiver.port, secure: false });
    try {
      const waiting = receiver.byPageId('page-1');
      await transport.sendMail({
        from: 'pager@example.com',
        to: 'On-Call@example.com',
        subject: 'Warroom verification code 123456',
        text: 'Your Warroom verification code is 123456.',
      });
      await transport.sendMail({
        from: 'pager@example.com',
        to: 'on-call@example.com',
        subject: '[SEV-1] INC-1 Bench alert',
        text: 'You are on call.',
        headers: { 'X-Warroom-Page-Id': 'page-1' },
      });
      const page = await waiting;
      expect(page).toMatchObject({
        pageId: 'page-1',
        subject: '[SEV-1] INC-1 Bench alert',
        to: ['on-call@example.com'],
      });
      expect(page.connectedAt).toBeLessThanOrEqual(page.greetedAt);
      expect(page.greetedAt).toBeLessThanOrEqual(page.at);
      // Received before anyone asked: kept until asked for, by address (case-insensitive), once.
      const plain = await receiver.nextPlainTo('on-call@example.com');
      expect(plain).toMatchObject({ pageId: null, subject: 'Warroom verification code 123456' });
      expect(receiver.count).toBe(2);

      // A page mail that came before it was asked for is kept too.
      await transport.sendMail({
        from: 'pager@example.com',
        to: 'on-call@example.com',
        subject: 'later',
        text: '.',
        headers: { 'X-Warroom-Page-Id': 'page-2' },
      });
      await expect(receiver.byPageId('page-2')).resolves.toMatchObject({ pageId: 'page-2', subject: 'later' });
    } finally {
      transport.close();
    }
  });
});
