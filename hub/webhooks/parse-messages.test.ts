import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALERT_SOURCES, type AlertSource } from '../../shared/alerts/alert.js';
import { fixture, parseContext } from '../test/support/webhook-fixtures.js';
import { parseWebhookBody, type ParseResult, type WebhookHeaders } from './parse-support.js';
import { PARSERS } from './sources.js';

/**
 * Every refusal, "ignored" note and warning a parser writes is read by a person configuring their monitor: none may
 * show a programming word (`undefined`, `null`, `NaN`, `[object Object]`) for "missing", "empty" or "some object".
 * The bodies are random JSON, and each tool's real payloads (hub/webhooks/fixtures) with one value anywhere in them
 * removed or replaced by null, an object, a list, a number or text. Generated text never holds those words itself,
 * so a message that does made them up.
 */
const PROGRAMMING_WORDS = /\bundefined\b|\bnull\b|\bNaN\b|\[object \w+\]/;

const clean = (s: string) => !PROGRAMMING_WORDS.test(s);
const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' })).filter(clean);
/** Any JSON value whose keys and text are clean (null itself is a value, and welcome). */
const json = fc.jsonValue({ maxDepth: 3 }).filter((v) => stringsOf(v).every(clean));

function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => [k, ...stringsOf(v)]);
  return [];
}

type Path = readonly (string | number)[];

/** Every place in a JSON value: each key of each object, each index of each list. */
function pathsOf(value: unknown, at: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...at, i], ...pathsOf(v, [...at, i])]);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => [[...at, k], ...pathsOf(v, [...at, k])]);
  return [];
}

/** A copy of `value` with the value at `path` replaced (or removed, for `remove`). */
function replaced(value: unknown, path: Path, next: unknown, remove: boolean): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return copy;
  if (remove && Array.isArray(at) && typeof last === 'number') at.splice(last, 1);
  else if (remove) delete at[last];
  else at[last] = next;
  return copy;
}

const fixturesOf = (source: AlertSource) =>
  readdirSync(new URL('./fixtures/', import.meta.url)).filter((f) => f.startsWith(`${source}-`) && f.endsWith('.json'));

/** One of the tool's real payloads with one value changed or removed. */
function brokenFixture(source: AlertSource): fc.Arbitrary<unknown> {
  const bodies = fixturesOf(source).map((f) => fixture(f));
  return fc
    .constantFrom(...bodies)
    .chain((body) =>
      fc
        .tuple(
          fc.constantFrom(...pathsOf(body)),
          fc.oneof(
            fc.constant(null),
            fc.constant({}),
            fc.constant([]),
            fc.constant({ nested: { deeper: true } }),
            fc.double(),
            fc.integer(),
            fc.boolean(),
            text,
            json,
          ),
          fc.boolean(),
        )
        .map(([path, next, remove]) => replaced(body, path, next, remove)),
    );
}

const SENTRY_RESOURCES = ['event_alert', 'issue', 'metric_alert', 'installation', 'comment'] as const;
const headers = (source: AlertSource): fc.Arbitrary<WebhookHeaders> =>
  source === 'sentry'
    ? fc
        .option(fc.constantFrom(...SENTRY_RESOURCES), { nil: undefined })
        .map((r) => (r === undefined ? {} : { 'sentry-hook-resource': r }))
    : fc.constant({});

/** What a person may read of a result. */
function messagesOf(result: ParseResult): string[] {
  if (!result.ok) return [result.reason];
  return [...(result.ignored === undefined ? [] : [result.ignored]), ...(result.warnings ?? [])];
}

const parse = (source: AlertSource, body: string, h: WebhookHeaders = {}) =>
  parseWebhookBody(PARSERS[source], body, h, parseContext);

describe.each(ALERT_SOURCES)('what %s’s parser tells a person', (source) => {
  it('never shows a programming word, whatever the body', () => {
    const body = fc.oneof(
      { weight: 3, arbitrary: brokenFixture(source).map((b) => JSON.stringify(b)) },
      { weight: 1, arbitrary: json.map((b) => JSON.stringify(b)) },
      { weight: 1, arbitrary: text },
    );
    let refused = 0;
    fc.assert(
      fc.property(body, headers(source), (b, h) => {
        const result = parse(source, b, h);
        if (!result.ok) refused += 1;
        for (const message of messagesOf(result)) {
          expect(message).not.toMatch(PROGRAMMING_WORDS);
          expect(message.trim()).not.toBe('');
        }
      }),
      { numRuns: 400 },
    );
    // The property reached the refusals it is about, not only bodies that parse.
    expect(refused).toBeGreaterThan(40);
  });

  it.each([
    ['null', 'null'],
    ['an empty object', '{}'],
    ['a list', '[{"alerts": null}]'],
    ['nulls everywhere', '{"version": null, "status": null, "alerts": [null], "title": null, "data": null}'],
    ['the text undefined', 'undefined'],
    ['nested objects where text goes', '{"version": {}, "groupKey": {}, "title": {}, "key": {}, "action": {}}'],
  ])('says what is wrong with %s in words', (_name, body) => {
    for (const h of source === 'sentry' ? SENTRY_RESOURCES.map((r) => ({ 'sentry-hook-resource': r })) : [{}])
      for (const message of messagesOf(parse(source, body, h))) expect(message).not.toMatch(PROGRAMMING_WORDS);
  });
});

describe('refusals in words', () => {
  it('says a field is missing or empty, and names what it must be', () => {
    const result = parse('alertmanager', JSON.stringify({ version: '4', status: null, alerts: [{ labels: {} }] }));
    expect(result).toEqual({
      ok: false,
      reason:
        'Not an Alertmanager webhook (version 4): status must be one of "firing", "resolved"; groupKey is missing (it must be text); alerts[0].startsAt is missing (it must be text).',
    });
    expect(parse('generic', '{"key": "k", "title": {"text": "x"}}')).toEqual({
      ok: false,
      reason: 'Not a Warroom alert (see docs/webhooks.md): title must be text, not an object.',
    });
  });

  it('does not quote a body that is not JSON', () => {
    expect(parse('generic', 'undefined')).toEqual({
      ok: false,
      reason:
        "The body is not JSON (it could not be read as JSON): send the tool's JSON payload, with content-type application/json.",
    });
    expect(parse('generic', '{"key": ')).toMatchObject({ ok: false, reason: expect.stringMatching(/ends too early/) });
  });

  it('quotes an Alertmanager version only when it is text', () => {
    expect(parse('alertmanager', '{"version": null}')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^Not an Alertmanager webhook \(version 4\): version is empty \(it must be text\)/),
    });
    expect(parse('alertmanager', '{"version": "3"}')).toMatchObject({
      ok: false,
      reason: 'Alertmanager webhook version "3" is not supported; version "4" is.',
    });
  });
});
