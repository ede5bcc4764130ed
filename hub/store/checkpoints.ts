import type { IncidentsState } from '../../shared/domain/state.js';

/**
 * The shape of a checkpoint's state. Bump it whenever the reducer or IncidentsState changes what a folded log
 * looks like: checkpoints of another format are ignored (the hub folds from the start instead), never misread.
 * 2: incidents keep `initialSeverity` and `metricMoments`, from which the hub computes metrics.
 * 3: pages keep who acknowledged them; tried entries their strike-out; checklist items an owner; incidents the
 *    chosen rotation and "nobody was paged".
 * 4: incidents keep their status page part (`public`: title, override, the log of service states) and status
 *    updates the incident's status when posted; pages their deliveries.
 */
export const CHECKPOINT_FORMAT = 4;

/** Take a checkpoint after this many new events, so a node's start folds at most about this many. */
export const CHECKPOINT_EVERY = 10_000;

/** Reduced state at a seq, so a starting node folds only what follows instead of the whole history. */
export interface CheckpointStore {
  /** The newest checkpoint of `format`, or null. */
  latest(format: number): Promise<IncidentsState | null>;
  /** Keeps `state` (its seq is the key); a second node saving the same seq changes nothing. */
  save(format: number, state: IncidentsState): Promise<void>;
}
