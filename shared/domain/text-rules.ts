/**
 * What a person's text may hold, as one rule for every field (the zod helpers in primitives.ts apply it).
 *
 * - Text-direction embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) are refused everywhere: they
 *   make text display in another order than it was written, so a title, a name or a command line in a postmortem
 *   can read differently from what it says (the "Trojan Source" characters, CVE-2021-42574). Refused rather than
 *   stripped: a person's words are never silently changed, and the message says which character and where.
 * - The marks U+200E, U+200F and U+061C are allowed: right-to-left writers need them to place punctuation and
 *   numbers, and they cannot reverse a run of letters. Zero-width characters (joiners for emoji and Persian, word
 *   joiners) are allowed too. None of them counts as visible.
 * - A single line holds no control characters and no line breaks; a multi-line text keeps line breaks and tabs.
 * - Text that is not empty needs at least one visible character: only spaces, zero-width or other invisible
 *   format characters is refused.
 * - Half of a UTF-16 surrogate pair on its own is refused: it is not text, and not every store can keep it.
 */

/** The characters that reorder text, with their Unicode names (shown in the refusal). */
export const BIDI_CONTROLS: Readonly<Record<string, string>> = {
  '\u202A': 'LEFT-TO-RIGHT EMBEDDING',
  '\u202B': 'RIGHT-TO-LEFT EMBEDDING',
  '\u202C': 'POP DIRECTIONAL FORMATTING',
  '\u202D': 'LEFT-TO-RIGHT OVERRIDE',
  '\u202E': 'RIGHT-TO-LEFT OVERRIDE',
  '\u2066': 'LEFT-TO-RIGHT ISOLATE',
  '\u2067': 'RIGHT-TO-LEFT ISOLATE',
  '\u2068': 'FIRST STRONG ISOLATE',
  '\u2069': 'POP DIRECTIONAL ISOLATE',
};

const BIDI = /[\u202A-\u202E\u2066-\u2069]/gu;
/** Line breaks: refused in a single line (with their own message), kept in multi-line text. */
const LINE_BREAK = /[\n\r\u0085\u2028\u2029]/u;
/** A single line: no control character (tabs and line breaks are ones) and no line or paragraph separator. */
const SINGLE_LINE_REFUSED = /[\p{Cc}\u2028\u2029]/u;
/** Several lines: control characters other than tabs and line breaks. */
const MULTI_LINE_REFUSED = /(?![\t\n\r\u0085])\p{Cc}/u;
/** A lone surrogate: `u` mode reads a valid pair as one code point, so only an unpaired half matches. */
const LONE_SURROGATE = /\p{Cs}/u;
/**
 * A character that shows something: not white space, not a control or format character, not one Unicode says to
 * ignore when nothing can be shown for it (Hangul fillers, variation selectors…), not the blank Braille pattern.
 */
const VISIBLE = /[^\s\p{Z}\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/u;

export interface TextRule {
  /** The field as people name it, with its article: "the title", "what was tried". */
  readonly what: string;
  readonly max: number;
  /** Multi-line text keeps line breaks and tabs. */
  readonly lines: 'single' | 'multi';
  /** Empty is allowed (an optional field); text that is there still needs visible characters. */
  readonly optional?: boolean;
}

/** Why the text breaks the rule, in words for the person who typed it; null when it is fine. */
export function textProblem(text: string, rule: TextRule): string | null {
  const where = (index: number) => position(text, index, rule.lines);
  if (text.length > rule.max)
    return `${capital(rule.what)} may be at most ${rule.max.toLocaleString('en')} characters (this one has ${text.length.toLocaleString('en')}).`;
  const bidi = [...text.matchAll(BIDI)];
  const first = bidi[0];
  if (first) {
    const kinds = [...new Set(bidi.map((m) => m[0]))].map(describe);
    const [these, they] = kinds.length === 1 ? ['character', 'it'] : ['characters', 'they'];
    return `Remove the text-direction control ${these} ${list(kinds)} from ${rule.what} (${where(first.index)}): ${they} can make text read differently from what it says.`;
  }
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate)
    return `Remove the broken character from ${rule.what} (${where(surrogate.index)}): it is half of a character pair, on its own.`;
  const control = firstControl(text, rule.lines);
  if (control) {
    if (LINE_BREAK.test(control.char))
      return `${capital(rule.what)} is one line: remove the line break (${where(control.index)}).`;
    return `Remove the control character ${describe(control.char)} from ${rule.what} (${where(control.index)}).`;
  }
  if (text.length === 0 && rule.optional) return null;
  if (text.length === 0) return `${capital(rule.what)} needs visible characters.`;
  if (!VISIBLE.test(text))
    return `${capital(rule.what)} needs visible characters${rule.optional ? ' (or leave it empty)' : ''}: it holds only spaces or invisible characters.`;
  return null;
}

/** Text made by the app from what the log holds (a postmortem draft), without the characters the rule refuses. */
export function withoutRefusedCharacters(text: string): string {
  return text.replace(/[\u202A-\u202E\u2066-\u2069]|\p{Cs}|(?![\t\n\r\u0085])\p{Cc}/gu, '');
}

function firstControl(text: string, lines: TextRule['lines']): { char: string; index: number } | null {
  const found = (lines === 'single' ? SINGLE_LINE_REFUSED : MULTI_LINE_REFUSED).exec(text);
  return found ? { char: found[0], index: found.index } : null;
}

/** "U+202E (RIGHT-TO-LEFT OVERRIDE)", or "U+0007". */
function describe(char: string): string {
  const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const name = BIDI_CONTROLS[char];
  return name ? `${code} (${name})` : code;
}

/** Where in the text, for a person: "at character 9" (counting characters, not UTF-16 units), or "on line 3". */
function position(text: string, index: number, lines: TextRule['lines']): string {
  const before = text.slice(0, index);
  if (lines === 'multi') return `on line ${before.split(/\r\n|[\n\r\u0085\u2028\u2029]/u).length}`;
  return `at character ${[...before].length + 1}`;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
