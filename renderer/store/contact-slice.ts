import type { StateCreator } from 'zustand';
import type { ContactView } from '../../shared/protocol/contact-wire.js';
import type { AppState } from './app-state.js';

/** My contact methods and notification rules as the hub last answered them (the Profile's "How pages reach me"). */
export interface ContactSlice {
  /** The hub's `contact` reply; null until it was asked for and answered. */
  contact: ContactView | null;
  contactLoading: boolean;
  /** Why the last load failed, in words (offline, refused). */
  contactError: string | null;
  startContactLoad(): void;
  receiveContact(view: ContactView): void;
  failContact(message: string): void;
}

export const createContactSlice: StateCreator<AppState, [], [], ContactSlice> = (set) => ({
  contact: null,
  contactLoading: false,
  contactError: null,
  startContactLoad: () => set({ contactLoading: true }),
  receiveContact: (view) => set({ contact: view, contactLoading: false, contactError: null }),
  failContact: (message) => set({ contactLoading: false, contactError: message }),
});
