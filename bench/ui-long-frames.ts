import type { LongFrame } from './ui-page-hooks.js';
import { describePlace, type RendererSourceMaps } from './ui-source-map.js';

const fileName = (url: string) => url.slice(url.lastIndexOf('/') + 1);

/** The longest of some long animation frames (null when none reached 50 ms). */
export function longestFrame(frames: readonly (LongFrame | null)[]): LongFrame | null {
  return frames.reduce<LongFrame | null>((a, b) => (b !== null && b.durationMs > (a?.durationMs ?? 0) ? b : a), null);
}

/**
 * A long animation frame in words: how long, how much of it was scripts and how much style and layout, and each
 * script's entry point (what invoked it, and its function in the renderer's sources, through the build's map).
 * Scripts and rendering overlap (observers' callbacks run within style and layout), so they are not added up.
 */
export function describeLongFrame(frame: LongFrame | null, maps?: RendererSourceMaps): string {
  if (!frame) return 'none of 50 ms or more';
  const accounted = Math.max(frame.styleAndLayoutMs, frame.scriptMs);
  const scripts = (frame.sources ?? [])
    .filter((script) => script.durationMs >= 1)
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, 4)
    .map((script) => {
      const place = maps?.placeOfOffset(script.sourceURL, script.charPosition) ?? null;
      const where = place
        ? describePlace(place)
        : script.functionName ||
          (script.sourceURL && script.charPosition <= 0 ? `the top level of ${fileName(script.sourceURL)}` : '') ||
          script.sourceURL ||
          'no source';
      return `${script.invoker} ${Math.round(script.durationMs)} ms, entry ${where}`;
    });
  return (
    `${Math.round(frame.durationMs)} ms at ${Math.round(frame.startTime)} ms; from the start of style and layout ` +
    `to its end ${Math.round(frame.styleAndLayoutMs)} ms; scripts ${Math.round(frame.scriptMs)} ms ` +
    `(${scripts.join('; ') || frame.scripts.join(', ') || 'none'})` +
    (accounted < frame.durationMs / 2 ? '; most of it neither: the page not running, e.g. waiting for a CPU' : '')
  );
}
