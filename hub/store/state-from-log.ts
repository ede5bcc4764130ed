import type { Logger } from 'pino';
import { EMPTY_STATE, type IncidentsState } from '../../shared/domain/state.js';
import { applyInOrder } from '../../shared/sync/ordered-events.js';
import { CHECKPOINT_EVERY, CHECKPOINT_FORMAT, type CheckpointStore } from './checkpoints.js';
import type { EventStore } from './event-store.js';

/** Starts from the newest checkpoint (if any) and folds the log after it, page by page, checking for gaps. */
export async function rebuildState(
  store: EventStore,
  checkpoints: CheckpointStore,
  logger: Logger,
): Promise<IncidentsState> {
  const checkpoint = await checkpoints.latest(CHECKPOINT_FORMAT);
  let state = checkpoint ?? EMPTY_STATE;
  let folded = 0;
  for (;;) {
    const page = await store.readSince(state.seq, 10_000);
    if (page.length === 0) break;
    const next = applyInOrder(state, page);
    if (next.gap) throw new Error(`event log has a gap after seq ${next.state.seq}`);
    state = next.state;
    folded += page.length;
  }
  logger.info(
    { seq: state.seq, checkpoint: checkpoint?.seq ?? null, folded, incidents: Object.keys(state.incidents).length },
    'state rebuilt from log',
  );
  return state;
}

/** Saves a checkpoint every CHECKPOINT_EVERY events, one at a time, off the commit path. */
export class Checkpointer {
  private saving: Promise<void> = Promise.resolve();
  private busy = false;

  constructor(
    private readonly checkpoints: CheckpointStore,
    private lastSeq: number,
    private readonly logger: Logger,
  ) {}

  after(state: IncidentsState): void {
    if (this.busy || state.seq - this.lastSeq < CHECKPOINT_EVERY) return;
    this.busy = true;
    this.saving = this.checkpoints.save(CHECKPOINT_FORMAT, state).then(
      () => {
        this.lastSeq = state.seq;
        this.busy = false;
        this.logger.info({ seq: state.seq }, 'checkpoint saved');
      },
      (error: unknown) => {
        // A missed checkpoint only makes the next start fold more; the log is untouched.
        this.busy = false;
        this.logger.warn({ err: error, seq: state.seq }, 'saving a checkpoint failed');
      },
    );
  }

  idle(): Promise<void> {
    return this.saving;
  }
}
