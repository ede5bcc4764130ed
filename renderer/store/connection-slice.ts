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
  /** Showing the local copy; not yet confirmed by the hub since this start. */
  stale: boolean;
  /** Changes made here that the hub has not confirmed yet. */
  pendingCount: number;
  refusal: ConnectRefusal | null;
  user: SessionUser | null;
  receiveConnection(view: EngineView): void;
  setSignedIn(signedIn: boolean, hubUrl: string | null): void;
}

export const createConnectionSlice: StateCreator<AppState, [], [], ConnectionSlice> = (set) => ({
  ready: false,
  signedIn: false,
  hubUrl: '',
  status: 'offline',
  stale: false,
  pendingCount: 0,
  refusal: null,
  user: null,
  receiveConnection: (view) =>
    set({
      status: view.status,
      stale: view.stale,
      pendingCount: view.pending.length,
      refusal: view.refusal,
      user: view.user,
      ...(view.hubUrl ? { hubUrl: view.hubUrl } : {}),
    }),
  setSignedIn: (signedIn, hubUrl) => set((s) => ({ ready: true, signedIn, hubUrl: hubUrl ?? s.hubUrl })),
});
