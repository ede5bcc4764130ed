import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { plainIssues } from './plain-issues.js';

const schema = z.strictObject({
  type: z.literal('tried.add'),
  payload: z.strictObject({ what: z.string(), outcome: z.enum(['pending', 'helped']), tags: z.array(z.string()) }),
});

function words(value: unknown): string {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return plainIssues(parsed.error, 'the command');
}

describe('plainIssues', () => {
  it('says what is missing, empty or of the wrong kind, in words', () => {
    const text = words({ type: 'tried.add', payload: { what: null, tags: 'a' } });
    expect(text).toContain('payload.what is empty (it must be text)');
    expect(text).toContain('payload.outcome must be one of "pending", "helped"');
    expect(text).toContain('payload.tags must be a list, not text');
    expect(text).not.toMatch(/\bundefined\b|\bnull\b/);
  });

  it('names the whole value when the finding is about it, and counts what it does not list', () => {
    expect(words(null)).toBe('the command is empty (it must be an object)');
    const many = z.strictObject({
      a: z.string(),
      b: z.string(),
      c: z.string(),
      d: z.string(),
      e: z.string(),
      f: z.string(),
    });
    const parsed = many.safeParse({});
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(plainIssues(parsed.error, 'it')).toMatch(/f is missing|; and 1 more$/);
  });

  it('names unknown fields', () => {
    expect(words({ type: 'tried.add', payload: { what: 'w', outcome: 'helped', tags: [], extra: 1 } })).toBe(
      'payload has a field that is not known here: "extra"',
    );
  });
});
