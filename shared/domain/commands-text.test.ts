/** Every field of every command where a person writes text follows the one text rule (text-rules.ts). */
import { describe, expect, it } from 'vitest';
import { commandPayloadSchemas, type CommandType } from './commands.js';
import { userNameSchema } from './primitives.js';

interface Field {
  readonly type: CommandType;
  /** A valid payload with `value` in the field. */
  readonly payload: (value: string) => object;
  readonly name: string;
  readonly optional: boolean;
}

const field = (type: CommandType, name: string, payload: (value: string) => object, optional = false): Field => ({
  type,
  name,
  payload,
  optional,
});

const SINGLE_LINE: readonly Field[] = [
  field('incident.declare', 'title', (v) => ({ title: v, severity: 'SEV-2' })),
  field('incident.declare', 'service', (v) => ({ title: 't', severity: 'SEV-2', service: v }), true),
  field('incident.declare', 'team', (v) => ({ title: 't', severity: 'SEV-2', team: v }), true),
  field('incident.update', 'title', (v) => ({ title: v })),
  field('incident.update', 'service', (v) => ({ service: v }), true),
  field('incident.update', 'team', (v) => ({ team: v }), true),
  field('incident.change_severity', 'reason', (v) => ({ severity: 'SEV-1', reason: v })),
  field('incident.change_status', 'reason', (v) => ({ status: 'declined', reason: v }), true),
  field('checklist.create', 'title', (v) => ({ checklistId: 'c-1', title: v, items: [] })),
  field('checklist.create', 'items.0', (v) => ({ checklistId: 'c-1', title: 'Checks', items: [v] })),
  field('checklist.add_item', 'text', (v) => ({ checklistId: 'c-1', itemId: 'i-1', text: v })),
  field('tried.add', 'what', (v) => ({ entryId: 'e-1', what: v })),
  field('tried.add', 'hypothesis', (v) => ({ entryId: 'e-1', what: 'Restart', hypothesis: v }), true),
  field('tried.set_outcome', 'note', (v) => ({ entryId: 'e-1', outcome: 'helped', note: v }), true),
  field('followup.add', 'text', (v) => ({ followupId: 'f-1', text: v })),
];

const MULTI_LINE: readonly Field[] = [
  field('incident.declare', 'summary', (v) => ({ title: 't', severity: 'SEV-2', summary: v }), true),
  field('incident.declare', 'impact', (v) => ({ title: 't', severity: 'SEV-2', impact: v }), true),
  field('incident.update', 'summary', (v) => ({ summary: v }), true),
  field('incident.update', 'impact', (v) => ({ impact: v }), true),
  field('status_update.post', 'text', (v) => ({ updateId: 'u-1', text: v, audience: 'internal' })),
  field('postmortem.publish', 'markdown', (v) => ({ revision: 'r-1', baseRevision: null, markdown: v })),
];

/** The first problem with `value` in the field, or null when the payload is accepted. */
function problem(f: Field, value: string): string | null {
  const parsed = commandPayloadSchemas[f.type].safeParse(f.payload(value));
  if (parsed.success) return null;
  const issue = parsed.error.issues[0];
  expect(issue?.path.join('.')).toBe(f.name);
  return issue?.message ?? 'no message';
}

const label = (f: Field) => `${f.type} ${f.name}`;

describe.each([...SINGLE_LINE, ...MULTI_LINE].map((f) => [label(f), f] as const))('%s', (_, f) => {
  it('takes ordinary text, right-to-left text with its marks, and emoji', () => {
    for (const value of ['Checkout down', 'התשלום נכשל\u200F!', '👩\u200D💻 on it', 'Zahlungs\u00ADausfall'])
      expect(problem(f, value)).toBeNull();
  });

  it('refuses text-direction overrides and isolates, naming them', () => {
    expect(problem(f, 'Invoice \u202Efdp.exe')).toMatch(
      /^Remove the text-direction control character U\+202E \(RIGHT-TO-LEFT OVERRIDE\) from /,
    );
    expect(problem(f, 'a \u2067b\u2069')).toMatch(/U\+2067 \(RIGHT-TO-LEFT ISOLATE\) and U\+2069/);
  });

  it('refuses text of only invisible characters', () => {
    for (const value of ['\u200B', '\u200B\u200C\u200D\u2060\uFEFF', '\u3164', '\u2800', '\u00AD\u200E'])
      expect(problem(f, value)).toMatch(/needs visible characters/);
  });

  it(f.optional ? 'may be left empty (or blank)' : 'must not be empty (or blank)', () => {
    for (const value of ['', '   '])
      if (f.optional) expect(problem(f, value)).toBeNull();
      else expect(problem(f, value)).toMatch(/^[A-Z].* needs visible characters/);
  });

  it('refuses control characters and broken surrogates', () => {
    expect(problem(f, 'bell\u0007')).toMatch(/^Remove the control character U\+0007/);
    expect(problem(f, 'half \uD83D pair')).toMatch(/^Remove the broken character/);
  });
});

describe.each(SINGLE_LINE.map((f) => [label(f), f] as const))('%s is one line', (_, f) => {
  it('refuses line breaks and tabs', () => {
    expect(problem(f, 'one\ntwo')).toMatch(/is one line: remove the line break \(at character 4\)/);
    expect(problem(f, 'one\ttwo')).toMatch(/^Remove the control character U\+0009/);
  });
});

describe.each(MULTI_LINE.map((f) => [label(f), f] as const))('%s may have several lines', (_, f) => {
  it('keeps line breaks and tabs', () => {
    expect(problem(f, 'First line\n\n\tthen more\r\nand more')).toBeNull();
  });
});

describe('the postmortem', () => {
  it('is kept exactly as written (not trimmed), up to 100,000 characters', () => {
    const parsed = commandPayloadSchemas['postmortem.publish'].parse({
      revision: 'r-1',
      baseRevision: null,
      markdown: '\n# Title\n\n',
    });
    expect(parsed.markdown).toBe('\n# Title\n\n');
    expect(problem(MULTI_LINE[5] as Field, 'x'.repeat(100_001))).toBe(
      'The postmortem may be at most 100,000 characters (this one has 100,001).',
    );
  });
});

describe('checklist templates', () => {
  it('are named by id: anything else is refused before it is looked up', () => {
    const schema = commandPayloadSchemas['checklist.create'];
    expect(schema.safeParse({ checklistId: 'c-1', templateId: 'sev-1' }).success).toBe(true);
    expect(schema.safeParse({ checklistId: 'c-1', templateId: 'sev\u202E-1' }).success).toBe(false);
  });
});

describe('a user name (warroom-hub token create --user)', () => {
  it.each([
    ['Ana', null],
    ['María José', null],
    ['  Ana  ', null],
    ['', /^The name needs visible characters\.$/],
    ['\u200B\u200B', /^The name needs visible characters: it holds only/],
    ['\u3164', /needs visible characters/],
    ['Ana\u202Enimda', /^Remove the text-direction control character U\+202E/],
    ['Ana\nadmin', /^The name is one line/],
    ['x'.repeat(101), /^The name may be at most 100 characters/],
  ])('%j', (name, expected) => {
    const parsed = userNameSchema.safeParse(name);
    if (expected === null) expect(parsed.success).toBe(true);
    else expect(parsed.error?.issues[0]?.message).toMatch(expected);
  });
});
