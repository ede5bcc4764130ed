import { describe, expect, it } from 'vitest';
import { deepLinkFromArgv, isSafeExternalUrl, parseDeepLink } from './deep-link.js';

describe('parseDeepLink', () => {
  it('reads the incident id of warroom://incident/<id>', () => {
    expect(parseDeepLink('warroom://incident/inc-42')).toEqual({ incidentId: 'inc-42' });
    expect(parseDeepLink('warroom://incident/3f6c1b1e-9a1d-4c3e-8f00-0a1b2c3d4e5f/')).toEqual({
      incidentId: '3f6c1b1e-9a1d-4c3e-8f00-0a1b2c3d4e5f',
    });
    expect(parseDeepLink('WARROOM://INCIDENT/Inc_1')).toEqual({ incidentId: 'Inc_1' });
  });

  it.each([
    ['another scheme', 'https://incident/inc-1'],
    ['another kind of link', 'warroom://settings/inc-1'],
    ['no id', 'warroom://incident/'],
    ['two segments', 'warroom://incident/inc-1/edit'],
    ['an id with forbidden characters', 'warroom://incident/inc%201'],
    ['a path escape', 'warroom://incident/..%2F..%2Fetc'],
    ['a built-in object name', 'warroom://incident/__proto__'],
    ['an id over 64 characters', `warroom://incident/${'a'.repeat(65)}`],
    ['a query', 'warroom://incident/inc-1?x=1'],
    ['a fragment', 'warroom://incident/inc-1#top'],
    ['credentials', 'warroom://user:pw@incident/inc-1'],
    ['a port', 'warroom://incident:80/inc-1'],
    ['not a URL', 'incident/inc-1'],
    ['an empty string', ''],
  ])('refuses %s', (_why, link) => {
    expect(parseDeepLink(link)).toBeNull();
  });
});

describe('deepLinkFromArgv', () => {
  it('finds the link among the arguments Windows and Linux pass', () => {
    expect(deepLinkFromArgv(['/opt/Warroom/warroom', '--no-sandbox', 'warroom://incident/inc-7'])).toEqual({
      incidentId: 'inc-7',
    });
  });

  it('prefers the last valid link and skips malformed ones', () => {
    expect(
      deepLinkFromArgv(['app', 'warroom://incident/inc-1', 'warroom://incident/inc-2', 'warroom://incident/bad id']),
    ).toEqual({ incidentId: 'inc-2' });
  });

  it('is null without a link', () => {
    expect(deepLinkFromArgv(['electron', '.', '--inspect'])).toBeNull();
    expect(deepLinkFromArgv([])).toBeNull();
  });
});

describe('isSafeExternalUrl', () => {
  it('accepts http and https pages', () => {
    expect(isSafeExternalUrl('https://status.example.com/incidents/42')).toBe(true);
    expect(isSafeExternalUrl('http://grafana.internal:3000/d/abc?from=now-1h')).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'smb://fileserver/share',
    'warroom://incident/inc-1',
    'ms-msdt:/id PCWDiagnostic',
    'https://bank.example@evil.example/',
    'https://user:pw@example.com/',
    'not a url',
    `https://example.com/${'a'.repeat(2048)}`,
  ])('refuses %s', (url) => {
    expect(isSafeExternalUrl(url)).toBe(false);
  });
});
