import type { TriedOutcome } from '../../../shared/domain/incident.js';

export const OUTCOME_LABELS: Readonly<Record<TriedOutcome, string>> = {
  pending: 'Pending',
  helped: 'Helped',
  'no-effect': 'No effect',
  'made-worse': 'Made it worse',
};

/** Beside the words, never instead of them. */
export const OUTCOME_ICONS: Readonly<Record<TriedOutcome, string>> = {
  pending: '…',
  helped: '✓',
  'no-effect': '–',
  'made-worse': '✗',
};
