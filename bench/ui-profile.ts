import type { CDPSession, Page } from 'playwright-core';
import { describePlace, type RendererSourceMaps } from './ui-source-map.js';

/**
 * Where the time of the longest task went, from Chromium's sampling CPU profiler (the DevTools protocol's Profiler),
 * mapped to the renderer's sources. Profiling slows the page: profiled runs are extra, never among the timed ones.
 */

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

/** Starts the sampling profiler on `page` (every 250 µs); the returned function stops it and returns the profile. */
export async function startProfiling(cdp: CDPSession): Promise<() => Promise<CpuProfile>> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  return async () => (await cdp.send('Profiler.stop')).profile as CpuProfile;
}

export async function profilePage(page: Page): Promise<() => Promise<CpuProfile>> {
  return startProfiling(await page.context().newCDPSession(page));
}

/** Not the page's work: waiting, the garbage collector and the engine's own bookkeeping are named as they are. */
const IDLE = new Set(['(idle)']);

export interface HotFunction {
  readonly place: string;
  readonly ms: number;
}

/** The longest run of samples in which the page was busy (a task, or tasks back to back): its length and hot spots. */
export interface BusiestStretch {
  readonly ms: number;
  /** Functions by time spent in them alone (self time), most first. */
  readonly self: readonly HotFunction[];
  /** The renderer's and shared code's own functions by time spent in them and what they called (total), most first. */
  readonly ownTotal: readonly HotFunction[];
}

export function busiestStretch(profile: CpuProfile, maps: RendererSourceMaps, top = 6): BusiestStretch | null {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));

  // The sample i lasts until sample i + 1: its delta is the next one's.
  const duration = (i: number) => (deltas[i + 1] ?? 0) / 1000;
  let best: { from: number; to: number; ms: number } | null = null;
  let from = -1;
  let ms = 0;
  for (let i = 0; i <= samples.length; i++) {
    const node = i < samples.length ? nodes.get(samples[i] as number) : undefined;
    const busy = node !== undefined && !IDLE.has(node.callFrame.functionName);
    if (busy) {
      if (from < 0) {
        from = i;
        ms = 0;
      }
      ms += duration(i);
    } else if (from >= 0) {
      if (!best || ms > best.ms) best = { from, to: i, ms };
      from = -1;
    }
  }
  if (!best) return null;
  return { ms: Math.round(best.ms * 10) / 10, ...hotSpots(profile, best.from, best.to, maps, top) };
}

/** The whole profile's hot spots (every busy sample), for work spread over several tasks. */
export function wholeProfile(profile: CpuProfile, maps: RendererSourceMaps, top = 8): BusiestStretch {
  const samples = profile.samples ?? [];
  const idle = new Set(profile.nodes.filter((n) => IDLE.has(n.callFrame.functionName)).map((n) => n.id));
  const deltas = profile.timeDeltas ?? [];
  let ms = 0;
  for (let i = 0; i < samples.length; i++) if (!idle.has(samples[i] as number)) ms += (deltas[i + 1] ?? 0) / 1000;
  return { ms: Math.round(ms * 10) / 10, ...hotSpots(profile, 0, samples.length, maps, top) };
}

/** Self and own-code total time of the busy samples from `from` to `to` (exclusive). */
function hotSpots(
  profile: CpuProfile,
  from: number,
  to: number,
  maps: RendererSourceMaps,
  top: number,
): Omit<BusiestStretch, 'ms'> {
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const duration = (i: number) => (deltas[i + 1] ?? 0) / 1000;

  const label = (frame: CallFrame): string => {
    const place = maps.place(frame.url, frame.lineNumber, frame.columnNumber);
    if (place) return describePlace(place);
    const file = frame.url.slice(frame.url.lastIndexOf('/') + 1);
    if (frame.url && !frame.functionName) return `the top level of ${file}`;
    return frame.url ? `${frame.functionName} ${file}` : frame.functionName || '(anonymous)';
  };
  const labels = new Map<number, string>();
  const labelOf = (id: number): string => {
    let text = labels.get(id);
    if (text === undefined) {
      text = label((nodes.get(id) as ProfileNode).callFrame);
      labels.set(id, text);
    }
    return text;
  };
  const own = (text: string) => /^(renderer|shared)\//.test(text);

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (let i = from; i < to; i++) {
    const id = samples[i] as number;
    if (IDLE.has((nodes.get(id) as ProfileNode).callFrame.functionName)) continue;
    const took = duration(i);
    const leaf = labelOf(id);
    self.set(leaf, (self.get(leaf) ?? 0) + took);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const text = labelOf(at);
      if (!own(text) || seen.has(text)) continue;
      seen.add(text);
      total.set(text, (total.get(text) ?? 0) + took);
    }
  }
  const ranked = (map: Map<string, number>): HotFunction[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([place, spent]) => ({ place, ms: Math.round(spent * 10) / 10 }));
  return { self: ranked(self), ownTotal: ranked(total) };
}

export function describeStretch(stretch: BusiestStretch | null, what = 'busiest stretch'): string {
  if (!stretch) return 'no profile';
  const list = (rows: readonly HotFunction[]) => rows.map((row) => `${row.place} ${Math.round(row.ms)} ms`).join('; ');
  return (
    `${what} ${Math.round(stretch.ms)} ms; by self time: ${list(stretch.self)}; ` +
    `renderer/shared functions by total time: ${list(stretch.ownTotal)}`
  );
}
