import type { z } from 'zod';

/** At most this many findings are listed; the rest are counted. */
const LISTED = 5;

/**
 * zod's findings on one line, in words a person reads in a refusal: "payload.title is missing (it must be text)",
 * never zod's "received undefined" or "null" (programming words for "not there" and "empty"). `top` names the whole
 * value when a finding is about it ("the body", "the command").
 */
export function plainIssues(error: z.ZodError, top: string): string {
  const found = error.issues.slice(0, LISTED).map((issue) => {
    const text = issueText(issue);
    const at = where(issue.path, top);
    // Our own rules speak in sentences ("What was tried needs visible characters."): the field goes after them.
    return /^[A-Z]/.test(text) ? `${text.replace(/\.$/, '')} (${at})` : `${at} ${text}`;
  });
  const more = error.issues.length > LISTED ? `; and ${error.issues.length - LISTED} more` : '';
  return `${found.join('; ')}${more}`;
}

/** `alerts[0].status`, or `top` for the whole value. */
function where(path: readonly PropertyKey[], top: string): string {
  if (path.length === 0) return top;
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${clip(String(key))}`))
    .join('');
}

const KINDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'a true/false value',
  object: 'an object',
  record: 'an object',
  array: 'a list',
  undefined: 'missing',
  null: 'empty',
};

/** What zod found, in words: the kind expected and what came instead. */
function issueText(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const expected = KINDS[issue.expected] ?? 'something else';
    const received = /received (\w+)/.exec(issue.message)?.[1] ?? '';
    if (received === 'undefined') return `is missing (it must be ${expected})`;
    if (received === 'null') return `is empty (it must be ${expected})`;
    return `must be ${expected}${KINDS[received] ? `, not ${KINDS[received]}` : ''}`;
  }
  if (issue.code === 'invalid_union') {
    const kinds = issue.errors.flatMap((branch) =>
      branch.flatMap((i) => (i.code === 'invalid_type' && i.path.length === 0 ? [KINDS[i.expected] ?? ''] : [])),
    );
    const named = [...new Set(kinds.filter((k) => k))];
    if (named.length === 0) return 'is not valid here';
    return `must be ${named.length > 1 ? `${named.slice(0, -1).join(', ')} or ${named.at(-1) ?? ''}` : named[0]}`;
  }
  if (issue.code === 'invalid_value')
    return `must be one of ${issue.values.map((v) => (v === null ? 'empty' : JSON.stringify(v))).join(', ')}`;
  if (issue.code === 'unrecognized_keys')
    return `has a field that is not known here: ${issue.keys.map((k) => JSON.stringify(clip(k))).join(', ')}`;
  // Our own messages ("the title is too long" …) and zod's size messages are words already.
  return issue.message.replace(/^Invalid input:?\s*/i, '') || 'is not valid here';
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
