import fc from 'fast-check';
import type { AlertSource } from '../../../shared/alerts/alert.js';
import { MAX_WEBHOOK_BODY_BYTES } from '../../webhooks/webhook-ingest.js';
import { POLLUTION_KEYS } from './malformed-commands.js';
import { fixture } from './webhook-fixtures.js';

/**
 * Generators of webhook deliveries every source must refuse: not JSON, not an object, or a real payload of that tool
 * with a field it cannot do without broken; some with junk, unicode, deep nesting or prototype keys around the fault;
 * a few over the size limit. `status` is the answer the hub must give.
 */
export interface MalformedDelivery {
  readonly body: Buffer;
  /** Extra headers the source reads (Sentry's resource). */
  readonly headers: Record<string, string>;
  readonly status: 400 | 413;
}

type Body = Record<string, unknown>;
type Break = (body: Body) => fc.Arbitrary<Body>;

const notObject = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1.5, '', 'alert', []),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const notString = fc.oneof(
  fc.constantFrom(null, true, 42, [], {}),
  fc.array(fc.string(), { minLength: 1, maxLength: 2 }),
);
const text = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));

/** Sets `path` inside a deep copy of `body`. */
function set(body: Body, path: readonly (string | number)[], value: unknown): Body {
  const copy = structuredClone(body);
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  const last = path.at(-1);
  if (last === undefined) return copy;
  if (value === undefined) delete at[last];
  else at[last] = value;
  return copy;
}

const breaks: Record<AlertSource, { fixture: string; headers: Record<string, string>; breaks: Break[] }> = {
  alertmanager: {
    fixture: 'alertmanager-firing.json',
    headers: {},
    breaks: [
      (b) => fc.oneof(notString, fc.constant(undefined)).map((v) => set(b, ['version'], v)),
      (b) => fc.oneof(notObject, fc.constant(undefined)).map((v) => set(b, ['alerts'], v)),
      (b) => notObject.map((v) => set(b, ['alerts', 0], v)),
    ],
  },
  grafana: {
    fixture: 'grafana-firing.json',
    headers: {},
    breaks: [
      (b) =>
        fc
          .oneof(notString, text)
          .filter((v) => v !== 'firing' && v !== 'resolved')
          .map((v) => set(b, ['status'], v)),
      (b) => fc.oneof(notObject, fc.constant(undefined)).map((v) => set(b, ['alerts'], v)),
      (b) => fc.constantFrom(1.5, '1', [], {}).map((v) => set(b, ['orgId'], v)),
    ],
  },
  datadog: {
    fixture: 'datadog-recommended-triggered.json',
    headers: {},
    breaks: [
      (b) => fc.constant(set(set(b, ['title'], undefined), ['alert_title'], undefined)),
      (b) => fc.constantFrom(42, 'org', [], true).map((v) => set(b, ['org'], v)),
      (b) => fc.constantFrom({}, { tag: 'x' }, [{}], [null]).map((v) => set(b, ['tags'], v)),
    ],
  },
  sentry: {
    fixture: 'sentry-event-alert.json',
    headers: { 'sentry-hook-resource': 'event_alert' },
    breaks: [
      (b) => fc.oneof(notObject, fc.constant(undefined)).map((v) => set(b, ['data'], v)),
      (b) => fc.oneof(notObject, fc.constant(undefined)).map((v) => set(b, ['data', 'event'], v)),
      (b) => fc.constantFrom(null, true, [], {}, '', undefined).map((v) => set(b, ['data', 'event', 'issue_id'], v)),
      (b) => notString.map((v) => set(b, ['action'], v)),
    ],
  },
  generic: {
    fixture: 'generic-firing.json',
    headers: {},
    breaks: [
      (b) => fc.oneof(notString, fc.constant(''), fc.constant(undefined)).map((v) => set(b, ['alerts', 0, 'key'], v)),
      (b) =>
        fc.oneof(notString, fc.constant('  '), fc.constant(undefined)).map((v) => set(b, ['alerts', 1, 'title'], v)),
      (b) => text.filter((v) => v !== 'firing' && v !== 'resolved').map((v) => set(b, ['alerts', 0, 'status'], v)),
      (b) => fc.constantFrom([], null, 'alerts').map((v) => set(b, ['alerts'], v)),
      (b) =>
        fc
          .tuple(text, fc.jsonValue({ maxDepth: 2 }))
          .filter(([key]) => !['alerts'].includes(key))
          .map(([key, v]) => ({ ...b, [key]: v })),
    ],
  },
};

/** Top-level junk laid under the real fields (so it never repairs the fault). */
const junkFields = fc.dictionary(text, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 4 });

function serialize(body: Body, junk: Record<string, unknown>): string {
  return JSON.stringify({ ...junk, ...body });
}

/** JSON text with prototype-ish keys as real own keys (JSON.stringify of a spread would lose `__proto__`). */
function withPollution(json: string, key: string, value: unknown): string {
  return `{${JSON.stringify(key)}:${JSON.stringify(value)},${json.slice(1)}`;
}

/** Deliveries for `source` that must be refused. */
export function malformedDelivery(source: AlertSource): fc.Arbitrary<MalformedDelivery> {
  const spec = breaks[source];
  const base = fixture(spec.fixture) as Body;
  const broken = fc.oneof(...spec.breaks.map((b) => b(base)));
  const delivery = (body: string | Buffer, status: 400 | 413 = 400): MalformedDelivery => ({
    body: typeof body === 'string' ? Buffer.from(body) : body,
    headers: spec.headers,
    status,
  });

  const notJson = fc
    .oneof(
      text,
      text.map((s) => `{${s}`),
      fc.constantFrom('', '{', '{"a":', '[1,]', "{'a':1}", 'NaN', '\ufeff{}'),
    )
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((s) => delivery(s));
  const invalidUtf8 = fc
    .uint8Array({ minLength: 1, maxLength: 64 })
    .map((bytes) =>
      delivery(Buffer.concat([Buffer.from('{"title": "'), Buffer.from([0xff, 0xfe]), Buffer.from(bytes)])),
    );
  const wrongKind = notObject.map((v) => delivery(JSON.stringify(v)));
  const nearMiss = fc.tuple(broken, junkFields).map(([body, junk]) => delivery(serialize(body, junk)));
  const polluted = fc
    .tuple(broken, fc.constantFrom(...POLLUTION_KEYS), fc.jsonValue({ maxDepth: 2 }))
    .map(([body, key, value]) => delivery(withPollution(JSON.stringify(body), key, { polluted: value })));
  const deep = fc
    .tuple(broken, fc.integer({ min: 100, max: 100_000 }))
    .map(([body, depth]) =>
      delivery(
        withPollution(JSON.stringify(body), 'deep', null).replace('null', `${'['.repeat(depth)}${']'.repeat(depth)}`),
      ),
    );
  const tooLarge = fc
    .integer({ min: 1, max: 64 * 1024 })
    .map((extra) => delivery(JSON.stringify({ key: 'k', title: 'x'.repeat(MAX_WEBHOOK_BODY_BYTES + extra) }), 413));

  return fc.oneof(
    { weight: 100, arbitrary: notJson },
    { weight: 30, arbitrary: invalidUtf8 },
    { weight: 100, arbitrary: wrongKind },
    { weight: 300, arbitrary: nearMiss },
    { weight: 60, arbitrary: polluted },
    { weight: 30, arbitrary: deep },
    // About one in 600: a megabyte each is slow to send.
    { weight: 1, arbitrary: tooLarge },
  );
}
