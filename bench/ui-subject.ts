import type { HubClient } from './bench-client.js';
import type { BenchHub } from './hub-under-test.js';
import type { FirstLoadMeasurement } from './ui-first-load.js';
import type { AppSession, HostKind } from './ui-hosts.js';
import type { ScrollMeasurement } from './ui-page.js';
import type { LongFrame } from './ui-page-hooks.js';
import type { Delivery } from './ui-desktop-preload.js';
import type { BusiestStretch } from './ui-profile.js';
import { newIncidentId } from './ui-seed-incident.js';

/** What one host's runs measured on one incident. */
export interface HostFigures {
  readonly opens: number[];
  readonly openInDom: number[];
  readonly openTried: number[];
  readonly openLongTasks: number[];
  readonly openFrames: (LongFrame | null)[];
  readonly scrolls: ScrollMeasurement[];
  readonly lives: number[];
  readonly liveLongTasks: number[];
  readonly liveFrames: (LongFrame | null)[];
  readonly firstLoads: FirstLoadMeasurement[];
  /** Desktop: the messages the page received (host events, replies) and their cost there, by phase. */
  readonly deliveries: { readonly open: Delivery[]; readonly live: Delivery[] };
  /** Profiled runs (extra, not timed) of the long incident: the busiest stretch and the whole run, of each. */
  readonly profiles: {
    firstLoad: BusiestStretch | null;
    firstLoadWhole: BusiestStretch | null;
    open: BusiestStretch | null;
    openWhole: BusiestStretch | null;
  };
}

/** One incident under test, on a hub of its own, with a running app per host signed in to that hub. */
export interface Subject {
  readonly entries: number;
  readonly incidentId: string;
  readonly hub: BenchHub;
  /** Another person on the same hub, who adds the live attempts. */
  other: HubClient | null;
  /** Live attempts added so far (each one's text numbered after the seeded ones). */
  liveAdded: number;
  readonly sessions: Map<HostKind, AppSession>;
  readonly by: Readonly<Record<HostKind, HostFigures>>;
  /** Cold loads of the incident's address in the web client (new tab, signed in). */
  readonly colds: number[];
  readonly coldInDom: number[];
  readonly coldTried: number[];
  /** The hub's page shell without its scripts (cache disabled): the cold load's baseline. */
  readonly shells: number[];
  seedMs: number;
}

function hostFigures(): HostFigures {
  return {
    opens: [],
    openInDom: [],
    openTried: [],
    openLongTasks: [],
    openFrames: [],
    scrolls: [],
    lives: [],
    liveLongTasks: [],
    liveFrames: [],
    firstLoads: [],
    deliveries: { open: [], live: [] },
    profiles: { firstLoad: null, firstLoadWhole: null, open: null, openWhole: null },
  };
}

export function newSubject(entries: number, hub: BenchHub): Subject {
  return {
    entries,
    incidentId: newIncidentId(),
    hub,
    other: null,
    liveAdded: 0,
    sessions: new Map(),
    by: { web: hostFigures(), desktop: hostFigures() },
    colds: [],
    coldInDom: [],
    coldTried: [],
    shells: [],
    seedMs: 0,
  };
}
