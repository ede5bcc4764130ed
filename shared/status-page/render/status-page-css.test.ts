import { describe, expect, it } from 'vitest';
import { SERVICE_STATES } from '../service-state.js';
import { STATUS_PAGE_CSS } from './status-page-css.js';

/** The custom properties of the first `:root { … }` block after `from` in the stylesheet. */
function palette(from: number): Map<string, string> {
  const start = STATUS_PAGE_CSS.indexOf(':root {', from);
  const block = STATUS_PAGE_CSS.slice(start, STATUS_PAGE_CSS.indexOf('}', start));
  return new Map([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

const light = palette(0);
const dark = palette(STATUS_PAGE_CSS.indexOf('prefers-color-scheme: dark'));

describe('the status page stylesheet', () => {
  it('has a light and a dark palette with the same colours named', () => {
    expect(light.size).toBeGreaterThan(20);
    expect([...dark.keys()].sort()).toEqual([...light.keys()].sort());
  });

  for (const [scheme, colours] of [
    ['light', light],
    ['dark', dark],
  ] as const) {
    it(`keeps text at WCAG AA contrast (4.5:1) in ${scheme}`, () => {
      const get = (name: string) => {
        const value = colours.get(name);
        if (!value) throw new Error(`--${name} is missing in ${scheme}`);
        return value;
      };
      const pairs: [string, string][] = [
        ['text', 'bg'],
        ['text', 'surface'],
        ['muted', 'bg'],
        ['muted', 'surface'],
        ['link', 'bg'],
        ['link', 'surface'],
        ...SERVICE_STATES.flatMap((s): [string, string][] => [
          [s, 'surface'],
          [s, 'bg'],
        ]),
        ...['none', 'maintenance', 'minor', 'major', 'critical'].map((i): [string, string] => [
          'banner-text',
          `banner-${i}`,
        ]),
      ];
      for (const [fg, bg] of pairs)
        expect(contrast(get(fg), get(bg)), `--${fg} on --${bg}`).toBeGreaterThanOrEqual(4.5);
    });
  }

  it('loads nothing (no web fonts or images) and shows keyboard focus', () => {
    expect(STATUS_PAGE_CSS).not.toMatch(/@import|@font-face|url\(/);
    expect(STATUS_PAGE_CSS).toMatch(/:focus-visible[^{]*\{[^}]*outline: 3px solid/);
  });
});
