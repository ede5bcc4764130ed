import { useMemo, useSyncExternalStore } from 'react';
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
  // The class is the key: the palette is read once per theme, not on every render.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- documentPalette reads the CSS the class applies
  return useMemo(() => documentPalette(), [themeClass]);
}
