import type { AppendBatch, EventStore } from '../../store/event-store.js';

export interface WatchedStore {
  readonly store: EventStore;
  /** Every batch with events that was about to be written, in order. */
  readonly appends: AppendBatch[];
  /** While true, writes fail as a full disk would (the one edge a test cannot cause on a real disk). */
  failAppend: boolean;
}

/** A real store, watched: its writes are recorded, and can be made to fail before anything is written. */
export function watchStore(real: EventStore): WatchedStore {
  const watched: WatchedStore = {
    appends: [],
    failAppend: false,
    store: {
      head: () => real.head(),
      readSince: (since, limit) => real.readSince(since, limit),
      readIncident: (id) => real.readIncident(id),
      findCommands: (ids) => real.findCommands(ids),
      append: async (batch) => {
        watched.appends.push(batch);
        if (watched.failAppend) throw new Error('SQLITE_FULL: database or disk is full');
        return real.append(batch);
      },
      write: (since, work) =>
        real.write(since, async (tx) => {
          const done = await work(tx);
          if (done.batch.events.length > 0) {
            watched.appends.push(done.batch);
            if (watched.failAppend) throw new Error('SQLITE_FULL: database or disk is full');
          }
          return done;
        }),
    },
  };
  return watched;
}
