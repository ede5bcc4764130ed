import type { TriedOutcome } from '../../../shared/domain/incident.js';
import type { Screen } from '../../store/selectors.js';

/** A key and what it does; the `?` overlay lists this table, and useShortcuts acts on it. */
export interface Shortcut {
  /** KeyboardEvent.key values (the first is shown). */
  readonly keys: readonly string[];
  readonly label: string;
  readonly screen: 'any' | Extract<Screen, 'board' | 'incident'>;
  /** Focus this element (by id, or the first match of a selector). */
  readonly focus?: string;
  /** When `focus` finds nothing, click this instead: it opens what holds the focus target (the declare form). */
  readonly opener?: string;
  readonly command?:
    | 'help'
    | 'theme'
    | 'board'
    | 'next-row'
    | 'previous-row'
    | 'oncall'
    | 'profile'
    | 'metrics'
    | 'reviews'
    | 'acknowledge-page'
    | 'acknowledge-lead';
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ['?'], label: 'Show or hide these shortcuts', screen: 'any', command: 'help' },
  { keys: ['d'], label: 'Switch between the dark and the light theme', screen: 'any', command: 'theme' },
  {
    keys: ['a'],
    label: 'Acknowledge the page for me (when you are paged)',
    screen: 'any',
    command: 'acknowledge-page',
  },
  { keys: ['w'], label: 'On-call: who is on call now and the next two weeks', screen: 'any', command: 'oncall' },
  { keys: ['p'], label: 'My profile: time zone, working hours, a test page', screen: 'any', command: 'profile' },
  { keys: ['m'], label: 'Metrics: time to detect and resolve, incidents per week', screen: 'any', command: 'metrics' },
  { keys: ['v'], label: 'Reviews: postmortem drafts and incidents awaiting review', screen: 'any', command: 'reviews' },
  {
    keys: ['n'],
    label: 'Declare an incident',
    screen: 'board',
    focus: '#declare-title-input',
    opener: '#declare-open',
  },
  { keys: ['f'], label: 'Filter the board', screen: 'board', focus: '#board-filter-status' },
  { keys: ['j', 'ArrowDown'], label: 'Next incident', screen: 'board', command: 'next-row' },
  { keys: ['k', 'ArrowUp'], label: 'Previous incident', screen: 'board', command: 'previous-row' },
  { keys: ['t'], label: "Add to what we've tried", screen: 'incident', focus: '#tried-what' },
  { keys: ['o'], label: "Filter what we've tried by outcome", screen: 'incident', focus: '#tried-filter' },
  { keys: ['u'], label: 'Write a status update', screen: 'incident', focus: '#update-text' },
  {
    keys: ['s'],
    label: 'Change the status (opens the form on the next step)',
    screen: 'incident',
    focus: '#status-next',
    opener: '#status-open',
  },
  {
    keys: ['e'],
    label: 'Escalate or downgrade the severity (opens the form)',
    screen: 'incident',
    focus: '#severity-select',
    opener: '#severity-open',
  },
  {
    keys: ['i'],
    label: 'Edit the title, summary, impact, service and impact start',
    screen: 'incident',
    focus: '#edit-title',
    opener: '#edit-open',
  },
  {
    keys: ['A'],
    label: 'Acknowledge and lead this incident (Shift+A)',
    screen: 'incident',
    command: 'acknowledge-lead',
  },
  { keys: ['r'], label: 'Roles: claim, assign, hand over', screen: 'incident', focus: '#roles-first' },
  { keys: ['c'], label: 'Checklists', screen: 'incident', focus: '.checklists input, .checklists select' },
  { keys: ['l'], label: 'Filter the timeline', screen: 'incident', focus: '#timeline-filter' },
  { keys: ['b', 'Escape'], label: 'Back to the board', screen: 'incident', command: 'board' },
];

/** In forms: listed in the overlay, handled by the forms themselves. */
export const FORM_KEYS: ReadonlyArray<{ keys: string; label: string }> = [
  { keys: 'Enter', label: 'Submit the form you are typing in (declare, add an attempt, add an item)' },
  { keys: 'Ctrl+Enter', label: 'Post the status update you are writing' },
  {
    keys: 'Escape',
    label:
      'Leave the field you are typing in (then the keys above work again); closes the declare form, keeping what you typed, and the severity, status and edit forms of an incident',
  },
  { keys: 'Tab / Shift+Tab', label: 'Move to the next / previous control' },
  {
    keys: '1 2 3 4',
    label:
      "On an entry of what we've tried (Tab to it): helped, no effect, made it worse, pending; Enter saves, with an optional note",
  },
  { keys: 'x', label: "On an entry of what we've tried: strike it out, with a reason (it stays in the log)" },
];

/** The keys on a focused entry of "What we've tried" (listed in FORM_KEYS above): an outcome, or strike it out. */
export const TRIED_ENTRY_KEYS: Readonly<Record<string, TriedOutcome | 'strike'>> = {
  '1': 'helped',
  '2': 'no-effect',
  '3': 'made-worse',
  '4': 'pending',
  x: 'strike',
};

/** The shortcut for a key on a screen, if any. */
export function findShortcut(key: string, screen: Screen): Shortcut | undefined {
  return SHORTCUTS.find((s) => s.keys.includes(key) && (s.screen === 'any' || s.screen === screen));
}

/** Typing in these must never trigger a shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(target.type);
  return false;
}
