import type { Severity } from '../../../shared/domain/severity.js';

/** The colours a chart draws with: the theme's CSS variables, read when the theme changes (canvas has no CSS). */
export interface ChartPalette {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly panel: string;
  readonly severity: Readonly<Record<Severity, string>>;
  readonly declined: string;
}

/** The dark theme's values (renderer/styles.css): used for any variable that cannot be read (jsdom has no CSS). */
export const FALLBACK_PALETTE: ChartPalette = {
  text: '#eceef1',
  muted: '#a7b0bd',
  grid: '#303845',
  panel: '#161a21',
  severity: { 'SEV-1': '#c92a2a', 'SEV-2': '#ff922b', 'SEV-3': '#ffd43b' },
  declined: '#a7b0bd',
};

/** The palette from CSS custom properties; `read` gives a property's value ('' when unset). */
export function readPalette(read: (property: string) => string): ChartPalette {
  const value = (property: string, fallback: string) => read(property).trim() || fallback;
  const f = FALLBACK_PALETTE;
  const muted = value('--muted', f.muted);
  return {
    text: value('--text', f.text),
    muted,
    grid: value('--border', f.grid),
    panel: value('--panel', f.panel),
    severity: {
      'SEV-1': value('--sev-1-bg', f.severity['SEV-1']),
      'SEV-2': value('--sev-2-bg', f.severity['SEV-2']),
      'SEV-3': value('--sev-3-bg', f.severity['SEV-3']),
    },
    declined: muted,
  };
}

/** The page's palette now (after the theme class on <html> has changed). */
export function documentPalette(): ChartPalette {
  const style = getComputedStyle(document.documentElement);
  return readPalette((property) => style.getPropertyValue(property));
}

/** A `#rgb` or `#rrggbb` colour made translucent (`rgb(r g b / a)`); any other colour is returned as it is. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim())?.[1];
  if (!hex) return color;
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgb(${r} ${g} ${b} / ${alpha})`;
}
