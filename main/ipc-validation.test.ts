import { describe, expect, it } from 'vitest';
import { requestSchemas, type RequestName } from '../shared/ipc/contract.js';
import { DEFAULT_NOTIFICATION_PREFS } from '../shared/ipc/settings.js';
import {
  checkRequest,
  isAppRendererUrl,
  senderProblem,
  type IpcSender,
  type TrustedRenderer,
} from './ipc-validation.js';

const RENDERER = 'file:///opt/Warroom/resources/app.asar/dist/renderer/index.html';
const trusted: TrustedRenderer = { fileUrl: RENDERER, webContentsId: 7 };
const ours: IpcSender = { frameUrl: RENDERER, isMainFrame: true, webContentsId: 7 };

describe('isAppRendererUrl', () => {
  it('accepts our page, whatever its route', () => {
    expect(isAppRendererUrl(RENDERER, RENDERER)).toBe(true);
    expect(isAppRendererUrl(`${RENDERER}#/incident/inc-1`, RENDERER)).toBe(true);
    expect(isAppRendererUrl(`${RENDERER}?tab=timeline`, RENDERER)).toBe(true);
  });

  it('treats percent-encoding alike (paths with spaces)', () => {
    const spaced = 'file:///Users/ana/My%20Apps/Warroom/dist/renderer/index.html';
    expect(isAppRendererUrl('file:///Users/ana/My Apps/Warroom/dist/renderer/index.html', spaced)).toBe(true);
  });

  it.each([
    ['a web page', 'https://evil.example/index.html'],
    ['http on localhost', 'http://127.0.0.1:4380/dist/renderer/index.html'],
    ['another file', 'file:///tmp/evil/index.html'],
    ['a sibling file', 'file:///opt/Warroom/resources/app.asar/dist/renderer/other.html'],
    ['a file on another host', 'file://fileserver/opt/Warroom/resources/app.asar/dist/renderer/index.html'],
    ['about:blank', 'about:blank'],
    ['data:', 'data:text/html,hi'],
    ['garbage', 'not a url'],
  ])('refuses %s', (_why, url) => {
    expect(isAppRendererUrl(url, RENDERER)).toBe(false);
  });
});

describe('senderProblem', () => {
  it('trusts our window showing our page', () => {
    expect(senderProblem(ours, trusted)).toBeNull();
  });

  it('refuses another web contents, even showing our page', () => {
    expect(senderProblem({ ...ours, webContentsId: 8 }, trusted)).toMatch(/not come from the Warroom window/);
  });

  it('refuses everyone while there is no window', () => {
    expect(senderProblem(ours, { ...trusted, webContentsId: null })).toMatch(/Warroom window/);
  });

  it('refuses a sub-frame and a destroyed frame', () => {
    expect(senderProblem({ ...ours, isMainFrame: false }, trusted)).toMatch(/sub-frame/);
    expect(senderProblem({ ...ours, frameUrl: null }, trusted)).toMatch(/frame is gone/);
  });

  it('names the foreign origin, without its query', () => {
    const problem = senderProblem({ ...ours, frameUrl: 'https://evil.example/page?token=secret' }, trusted);
    expect(problem).toBe('it comes from https://evil.example, not from the Warroom page');
  });
});

describe('checkRequest', () => {
  it('accepts a well-formed request from our page, with its parsed arguments', () => {
    const check = checkRequest('connect', ours, trusted, [{ hubUrl: ' http://127.0.0.1:4380 ', token: ' wr_abc ' }]);
    expect(check).toEqual({ ok: true, args: [{ hubUrl: 'http://127.0.0.1:4380', token: 'wr_abc' }] });
    expect(checkRequest('getView', ours, trusted, [])).toEqual({ ok: true, args: [] });
    expect(checkRequest('setNotificationPrefs', ours, trusted, [DEFAULT_NOTIFICATION_PREFS]).ok).toBe(true);
  });

  it("checks on-call requests with the hub's own schemas, and hands main their parsed form", () => {
    expect(checkRequest('getOnCall', ours, trusted, [])).toEqual({ ok: true, args: [] });
    expect(checkRequest('getOnCall', ours, trusted, [7])).toEqual({ ok: true, args: [7] });
    expect(checkRequest('sendTestPage', ours, trusted, [])).toEqual({ ok: true, args: [] });
    const route = checkRequest('changeOnCall', ours, trusted, [
      { kind: 'service.route', service: ' Checkout ', rotationId: 'r1' },
    ]);
    expect(route).toEqual({ ok: true, args: [{ kind: 'service.route', service: 'Checkout', rotationId: 'r1' }] });
    const override = checkRequest('changeOnCall', ours, trusted, [
      {
        kind: 'override.save',
        override: {
          id: 'o1',
          rotationId: 'r1',
          replaces: 'u-ana',
          person: { id: 'u-bo', name: 'Bo' },
          start: '2026-03-25T09:00:00+01:00',
          end: '2026-03-26T08:00:00Z',
        },
      },
    ]);
    expect(override).toMatchObject({ ok: true, args: [{ override: { start: '2026-03-25T08:00:00.000Z', note: '' } }] });
  });

  it("checks contact requests with the hub's own schemas, and hands main their parsed form", () => {
    expect(checkRequest('getContact', ours, trusted, [])).toEqual({ ok: true, args: [] });
    expect(checkRequest('getContact', ours, trusted, ['u-bo'])).toEqual({ ok: true, args: ['u-bo'] });
    expect(checkRequest('testContact', ours, trusted, [])).toEqual({ ok: true, args: [] });
    const add = checkRequest('changeContact', ours, trusted, [
      { kind: 'method.add', target: { kind: 'ntfy', topic: ' ana-pages ', token: ' tk_abc ' } },
    ]);
    expect(add).toEqual({
      ok: true,
      args: [{ kind: 'method.add', target: { kind: 'ntfy', topic: 'ana-pages', token: 'tk_abc' } }],
    });
    const verify = checkRequest('changeContact', ours, trusted, [
      { kind: 'method.verify', methodId: 'm1', code: ' 123456 ' },
    ]);
    expect(verify).toEqual({ ok: true, args: [{ kind: 'method.verify', methodId: 'm1', code: '123456' }] });
    const rules = [
      { methodId: 'm1', afterMinutes: 0 },
      { methodId: 'm2', afterMinutes: 3 },
    ];
    expect(checkRequest('changeContact', ours, trusted, [{ kind: 'rules.save', rules }])).toEqual({
      ok: true,
      args: [{ kind: 'rules.save', rules }],
    });
  });

  it("checks status page requests with the hub's own schemas, and hands main their parsed form", () => {
    expect(checkRequest('getStatusPage', ours, trusted, [])).toEqual({ ok: true, args: [] });
    const webhook = checkRequest('changeStatusPage', ours, trusted, [
      { kind: 'webhook.add', url: 'https://hooks.example.com/status' },
    ]);
    expect(webhook).toEqual({
      ok: true,
      args: [{ kind: 'webhook.add', url: 'https://hooks.example.com/status', services: [] }],
    });
    const save = checkRequest('changeStatusPage', ours, trusted, [
      { kind: 'config.save', config: { title: 'Acme status', services: [{ key: 'checkout', name: 'Checkout' }] } },
    ]);
    expect(save).toEqual({
      ok: true,
      args: [
        {
          kind: 'config.save',
          config: {
            title: 'Acme status',
            timeZone: 'UTC',
            services: [{ key: 'checkout', name: 'Checkout', description: '', override: null }],
            maintenances: [],
          },
        },
      ],
    });
  });

  it('refuses a foreign sender before looking at the arguments', () => {
    const check = checkRequest('getView', { ...ours, frameUrl: 'https://evil.example/' }, trusted, []);
    expect(check).toEqual({
      ok: false,
      message: 'Refused warroom:getView: it comes from https://evil.example, not from the Warroom page.',
    });
    const otherFile = checkRequest(
      'signOut',
      { ...ours, frameUrl: 'file:///home/me/Downloads/index.html' },
      trusted,
      [],
    );
    expect(otherFile.ok).toBe(false);
  });

  it.each<[RequestName, unknown[]]>([
    ['getView', ['extra']],
    ['sendCommand', [{ type: 'incident.declare', incidentId: '../../etc', payload: {} }]],
    ['sendCommand', []],
    // The command schemas themselves: a payload that does not fit its type, or no such type, never reaches the engine.
    ['sendCommand', [{ type: 'tried.add', incidentId: 'inc-1', payload: { entryId: 'e1' } }]],
    ['sendCommand', [{ type: 'incident.delete', incidentId: 'inc-1', payload: {} }]],
    ['dismissRejection', [42]],
    ['connect', [{ hubUrl: 'ftp://hub', token: 'wr_x' }]],
    ['connect', [{ hubUrl: 'http://127.0.0.1:4380', token: '   ' }]],
    ['setAvailability', ['on holiday']],
    ['setNotificationPrefs', [{ newIncident: 'yes' }]],
    ['openExternal', [{ url: 'https://example.com' }]],
    ['getOnCall', [0]],
    ['getOnCall', [29]],
    ['getOnCall', ['14']],
    ['changeOnCall', [{ kind: 'rotation.drop', rotationId: 'r1' }]],
    ['changeOnCall', [{ kind: 'service.route', service: '  ', rotationId: 'r1' }]],
    ['changeOnCall', [{ kind: 'rotation.delete', rotationId: 'r1', extra: true }]],
    ['sendTestPage', [{}]],
    ['getContact', [42]],
    ['getStatusPage', [{}]],
    ['changeStatusPage', [{ kind: 'webhook.add', url: 'javascript:alert(1)' }]],
    ['changeStatusPage', [{ kind: 'config.save', config: { timeZone: 'Mars/Olympus' } }]],
    ['changeStatusPage', [{ kind: 'channel.remove', id: 'ch-1', extra: true }]],
    ['getContact', ['']],
    ['changeContact', [{ kind: 'method.add', target: { kind: 'email', address: 'not an address' } }]],
    ['changeContact', [{ kind: 'method.add', target: { kind: 'slack', url: 'javascript:alert(1)' } }]],
    ['changeContact', [{ kind: 'method.add', target: { kind: 'webhook', url: 'https://x.example', secret: 'short' } }]],
    ['changeContact', [{ kind: 'method.add', target: { kind: 'ntfy', topic: 'has spaces' } }]],
    ['changeContact', [{ kind: 'method.verify', methodId: 'm1', code: '12345' }]],
    ['changeContact', [{ kind: 'method.remove', methodId: 'm1', extra: true }]],
    ['changeContact', [{ kind: 'rules.save', rules: [{ methodId: 'm1', afterMinutes: 1441 }] }]],
    [
      'changeContact',
      [
        {
          kind: 'rules.save',
          rules: [
            { methodId: 'm1', afterMinutes: 0 },
            { methodId: 'm1', afterMinutes: 2 },
          ],
        },
      ],
    ],
    ['testContact', [{}]],
  ])('refuses malformed arguments to %s', (name, args) => {
    const check = checkRequest(name, ours, trusted, args);
    expect(check.ok).toBe(false);
    if (!check.ok)
      expect(check.message).toMatch(new RegExp(`^Refused warroom:${name}: malformed arguments \\(.+\\)\\.$`));
  });

  it('passes a well-formed command on, parsed (defaults filled in)', () => {
    const check = checkRequest('sendCommand', ours, trusted, [
      { type: 'tried.add', incidentId: 'inc-1', payload: { entryId: 'e1', what: 'Restarted' } },
    ]);
    expect(check).toMatchObject({ ok: true, args: [{ payload: { what: 'Restarted', outcome: 'pending' } }] });
  });

  it('never repeats a token in its message', () => {
    const check = checkRequest('connect', ours, trusted, [{ hubUrl: 'nope', token: 'wr_secret_token' }]);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).not.toContain('wr_secret_token');
  });

  it('refuses a name that is not in the contract', () => {
    expect(checkRequest('__proto__' as RequestName, ours, trusted, [])).toEqual({
      ok: false,
      message: 'Unknown request "__proto__".',
    });
  });

  it('covers every request of the contract', () => {
    // A request added to the contract is checked like the others (it has a schema to parse with).
    for (const name of Object.keys(requestSchemas) as RequestName[]) {
      expect(checkRequest(name, { ...ours, webContentsId: 99 }, trusted, []).ok).toBe(false);
    }
  });
});
