import { describe, expect, it } from 'vitest';
import { headerValue, verificationCodeIn } from './mail-headers.js';

const RAW = [
  'From: Warroom bench <pager@example.com>',
  'To: on-call@example.com',
  'Subject: [SEV-1] INC-3 Bench alert',
  ' abc-2',
  'x-warroom-page-id: page-123',
  'Content-Type: text/plain',
  '',
  'X-Warroom-Page-Id: not-a-header-in-the-body',
  '',
].join('\r\n');

describe('headerValue', () => {
  it('finds a header whatever its case, unfolded', () => {
    expect(headerValue(RAW, 'X-Warroom-Page-Id')).toBe('page-123');
    expect(headerValue(RAW, 'subject')).toBe('[SEV-1] INC-3 Bench alert abc-2');
  });

  it('reads only the header block, not the body', () => {
    const raw = 'Subject: hi\n\nX-Warroom-Page-Id: body-line\n';
    expect(headerValue(raw, 'X-Warroom-Page-Id')).toBeNull();
    expect(headerValue(raw, 'Subject')).toBe('hi');
  });

  it('gives null for a header that is not there, or a message with no header block', () => {
    expect(headerValue(RAW, 'Reply-To')).toBeNull();
    expect(headerValue('', 'Subject')).toBeNull();
  });
});

describe('verificationCodeIn', () => {
  it("takes the six digits of a verification mail's subject", () => {
    expect(verificationCodeIn('Warroom verification code 042917')).toBe('042917');
  });

  it('refuses a subject without a six-digit code', () => {
    expect(() => verificationCodeIn('[SEV-1] INC-3 Bench alert')).toThrow(/not a verification mail/);
    expect(() => verificationCodeIn('Warroom verification code 12345')).toThrow(/not a verification mail/);
    expect(() => verificationCodeIn(null)).toThrow(/not a verification mail/);
  });
});
