import { draftKeys } from '../../store/draft-keys.js';

/**
 * The declare form's choices, kept in the ui slice's drafts beside its texts (draftKeys.declareTitle …), so closing
 * the form, leaving the board or a refusal never loses what the person chose.
 */
export const declareChoiceKeys = {
  severity: 'declare-severity',
  /** The chosen Incident Lead's id ('' for me). */
  lead: 'declare-lead',
  impactStartMode: 'declare-impact-start-mode',
  impactMinutes: 'declare-impact-minutes',
  impactAt: 'declare-impact-at',
} as const;

/** Every draft of a declaration: cleared together once it is declared. */
export const DECLARE_DRAFT_KEYS: readonly string[] = [
  draftKeys.declareTitle,
  draftKeys.declareImpact,
  draftKeys.declareService,
  ...Object.values(declareChoiceKeys),
];

/** The texts a person types into the form: any of them non-empty is a declaration not yet finished. */
export const DECLARE_TEXT_KEYS: readonly string[] = [
  draftKeys.declareTitle,
  draftKeys.declareImpact,
  draftKeys.declareService,
];

/** Whether these drafts hold a half-typed declaration (some text; spaces count, they were typed). */
export function hasDeclareDraft(drafts: Readonly<Record<string, string>>): boolean {
  return DECLARE_TEXT_KEYS.some((key) => (drafts[key] ?? '') !== '');
}
