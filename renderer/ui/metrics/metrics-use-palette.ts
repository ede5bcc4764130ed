import { useSyncExternalStore } from 'react';
import { documentPalette, type ChartPalette } from './metrics-palette.js';

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

/**
 * The theme's chart colours, read again whenever the theme class on <html> changes. The app sets that class from
 * the store's `theme` in an effect that runs after this screen's, so the class (not the store) says when the new
 * CSS variables apply.
 */
export function useChartPalette(): ChartPalette {
  const themeClass = useSyncExternalStore(subscribe, () => document.documentElement.className);
  // The class is the key: the palette is read once per theme (the same object after), not on every render.
  let palette = palettes.get(themeClass);
  if (!palette) {
    palette = documentPalette();
    palettes.set(themeClass, palette);
  }
  return palette;
}

/** By the class on <html>: the same class applies the same CSS variables. */
const palettes = new Map<string, ChartPalette>();
