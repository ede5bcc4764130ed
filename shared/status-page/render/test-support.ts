import { TestHub } from '../../domain/test-support.js';
import { buildPublicStatus, type PublicStatus } from '../public-status.js';
import { statusPageConfigSchema, type StatusPageConfig } from '../status-page-config.js';

/** A public title and update text a hostile or careless author could write: markup that must stay text. */
export const EVIL_TITLE = `Checkout <script>alert("x")</script> & 'friends'`;
export const EVIL_BODY = 'Some payments fail.\n\nWe are on it & <b>working</b> "now".';
/** Words only the responders see: no render may contain them. */
export const INTERNAL_WORDS = ['PSP timeouts on eu-west-1b', 'payments-api', 'secret internal note'];

export const PAGE_URL = 'https://status.example.com/status';

/**
 * A month of a page's life, through the DST change in Berlin: a resolved Search incident, an active Checkout one
 * with two external updates (one with markup in it) and an internal note, and a maintenance window to come.
 */
export function scriptedStatus(): { status: PublicStatus; hub: TestHub; config: StatusPageConfig } {
  const hub = new TestHub('2025-03-01T10:00:00.000Z');
  const old = { incidentId: 'inc-old' };
  hub.declare({ severity: 'SEV-3', service: 'search', title: 'ES cluster yellow' }, old);
  hub
    .advance(5)
    .ok(
      'status_update.post',
      { updateId: 'u-old-1', text: 'Search results are slow.', audience: 'external', publicTitle: 'Search is slow' },
      old,
    );
  hub.advance(90).ok('incident.change_status', { status: 'resolved' }, old);
  hub
    .advance(1)
    .ok('status_update.post', { updateId: 'u-old-2', text: 'Search is fast again.', audience: 'external' }, old);

  hub.advance(29 * 24 * 60);
  hub.declare({ severity: 'SEV-2', service: 'payments-api', title: 'PSP timeouts on eu-west-1b' });
  hub.advance(2).ok('status_update.post', { updateId: 'u-int', text: 'secret internal note', audience: 'internal' });
  hub
    .advance(1)
    .ok('status_update.post', { updateId: 'u-1', text: EVIL_BODY, audience: 'external', publicTitle: EVIL_TITLE });
  hub.advance(20).ok('incident.change_status', { status: 'mitigated' });
  hub
    .advance(1)
    .ok('status_update.post', { updateId: 'u-2', text: 'A fix is out; we are watching.', audience: 'external' });

  const config = statusPageConfigSchema.parse({
    title: 'Acme status',
    timeZone: 'Europe/Berlin',
    services: [
      { key: 'payments-api', name: 'Checkout', description: 'Paying for orders' },
      { key: 'search', name: 'Search' },
      { key: 'login', name: 'Login & accounts' },
    ],
    maintenances: [
      {
        id: 'mw-1',
        title: 'Database upgrade',
        text: 'Sign-in may be slow for a few minutes.',
        startsAt: new Date(Date.parse(hub.now) + 24 * 3600_000).toISOString(),
        endsAt: new Date(Date.parse(hub.now) + 26 * 3600_000).toISOString(),
        services: ['login'],
      },
    ],
  });
  return { status: buildPublicStatus(hub.state, config, Date.parse(hub.now)), hub, config };
}

/** The little of the DOM the tests read (the test type-check has no DOM lib; jsdom provides it at run time). */
export interface MiniElement {
  readonly textContent: string | null;
  readonly tagName: string;
  readonly id: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): MiniElement | null;
  querySelectorAll(selector: string): ArrayLike<MiniElement>;
}
export interface MiniDocument extends MiniElement {
  readonly documentElement: MiniElement;
}

/** A parsed document, from jsdom's DOMParser (test files that use it run in `@vitest-environment jsdom`). */
export function parse(text: string, type: 'text/html' | 'application/xml'): MiniDocument {
  const { DOMParser } = globalThis as unknown as {
    DOMParser: new () => { parseFromString(text: string, type: string): MiniDocument };
  };
  return new DOMParser().parseFromString(text, type);
}

export function all(root: MiniElement, selector: string): MiniElement[] {
  return Array.from(root.querySelectorAll(selector));
}
