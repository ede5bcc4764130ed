import type { StateCreator } from 'zustand';
import type { ConnectRefusal } from '../../shared/protocol/wire.js';
import type { ConnectionStatus, EngineView, SessionUser } from '../../shared/sync/engine-view.js';
import type { AppState } from './app-state.js';

/** Where we stand with the hub: shown by the banner on every screen. */
export interface ConnectionSlice {
  /** Settings have been read from the host; until then nothing is known about signing in. */
  ready: boolean;
  signedIn: boolean;
  /** The hub this client uses, or would use (prefilled on the connect screen). */
  hubUrl: string;
  status: ConnectionStatus;
  /** Has been online since this start: a later "connecting" is a reconnect. */
  wasOnline: boolean;
  /** Showing the local copy; not yet confirmed by the hub since this start. */
  stale: boolean;
  /** Changes made here that the hub has not confirmed yet. */
  pendingCount: number;
  refusal: ConnectRefusal | null;
  /** The hub's passing note about this connection (it dropped the previous one, which fell behind reading). */
  notice: string | null;
  user: SessionUser | null;
  /** Everyone on the hub, for assigning roles. */
  people: readonly SessionUser[];
  receiveConnection(view: EngineView): void;
  setSignedIn(signedIn: boolean, hubUrl: string | null): void;
}

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set, get) => ({
  ready: false,
  signedIn: false,
  hubUrl: '',
  status: 'offline',
  wasOnline: false,
  stale: false,
  pendingCount: 0,
  refusal: null,
  notice: null,
  user: null,
  people: [],
  receiveConnection: (view) => {
    const before = get();
    const people = view.people ?? [];
    set({
      status: view.status,
      wasOnline: before.wasOnline || view.status === 'online',
      stale: view.stale,
      pendingCount: view.pending.length,
      refusal: view.refusal,
      notice: view.notice ?? null,
      user: sameUser(before.user, view.user) ? before.user : view.user,
      people: samePeople(before.people, people) ? before.people : people,
      ...(view.hubUrl ? { hubUrl: view.hubUrl } : {}),
    });
  },
  setSignedIn: (signedIn, hubUrl) =>
    set((s) => ({ ready: true, signedIn, hubUrl: hubUrl ?? s.hubUrl, ...(signedIn ? {} : { wasOnline: false }) })),
});

function sameUser(a: SessionUser | null, b: SessionUser | null): boolean {
  return a === b || (a !== null && b !== null && a.id === b.id && a.name === b.name && a.role === b.role);
}

function samePeople(a: readonly SessionUser[], b: readonly SessionUser[]): boolean {
  return a.length === b.length && a.every((p, i) => sameUser(p, b[i] ?? null));
}
