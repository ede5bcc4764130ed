import type { TriedEntry } from './incident.js';

/**
 * "Has someone already tried this?": while a person types a new attempt, the entries on the incident that
 * look like it. Deliberately small and predictable, no fuzzy library:
 *
 * 1. words: lower case, anything but letters and digits splits words ("roll-back" is two words);
 * 2. short filler words (the, a, to, of, and, ...) are dropped;
 * 3. each word is cut to a rough stem, so "Restarted", "restarting" and "restart" are one word, as are
 *    "workers"/"worker" and "scaled"/"scale" (see `stem`);
 * 4. "roll back" / "rolled back" / "rollback" become one word, and a couple of synonyms are folded
 *    ("revert" is a rollback, "reboot" a restart);
 * 5. two attempts are compared by their sets of words with the Dice coefficient: 2·shared / (|a| + |b|),
 *    1 for the same words, 0 for none in common.
 *
 * A single shared word is never enough (unless both sides are that one word): otherwise typing "restart"
 * would flag every restart of anything.
 */
export function findSimilarAttempts(what: string, tried: readonly TriedEntry[], threshold = 0.5): TriedEntry[] {
  const words = attemptWords(what);
  if (words.size === 0) return [];
  return tried
    .map((entry, index) => ({ entry, index, score: wordSimilarity(words, attemptWords(entry.what)) }))
    .filter((match) => match.score > 0 && match.score >= threshold)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((match) => match.entry);
}

/** How alike two attempts read, from 0 (nothing in common) to 1 (the same words), by the rules above. */
export function attemptSimilarity(a: string, b: string): number {
  return wordSimilarity(attemptWords(a), attemptWords(b));
}

/** Words that say nothing about what was done. Kept short on purpose: "up", "down", "off" and "back" matter. */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'an',
  'the',
  'to',
  'of',
  'and',
  'or',
  'on',
  'in',
  'for',
  'with',
  'at',
  'by',
  'from',
  'it',
  'its',
  'is',
  'was',
  'we',
  'our',
  'then',
]);

/** Stems that mean the same action. */
const SYNONYMS: Readonly<Record<string, string>> = {
  revert: 'rollback',
  reboot: 'restart',
};

/** The set of (stemmed) words an attempt is compared by. */
export function attemptWords(text: string): Set<string> {
  const raw = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '' && !STOP_WORDS.has(word))
    .map(stem);
  const words = new Set<string>();
  for (let i = 0; i < raw.length; i += 1) {
    const word = raw[i] ?? '';
    // "roll back", "rolled back", "rolling back" → "rollback" (the stem of "roll" is "rol", see below).
    if (word === 'rol' && raw[i + 1] === 'back') {
      words.add('rollback');
      i += 1;
      continue;
    }
    words.add(SYNONYMS[word] ?? word);
  }
  return words;
}

/**
 * A rough stem, good enough to compare, not to show: drops a trailing "ing", "ed" or "s" (keeping at least
 * three letters; "ies"/"ied" become "y"), then a trailing "e", then one of a trailing double letter. So
 * "restarted" → "restart", "scaled"/"scale" → "scal", "stopped"/"stop" → "stop", "rolled"/"roll" → "rol".
 */
export function stem(word: string): string {
  let w = word;
  if (/^\p{N}+$/u.test(w)) return w;
  if (w.length > 4 && /ie[sd]$/.test(w)) w = `${w.slice(0, -3)}y`;
  else if (w.length >= 6 && w.endsWith('ing')) w = w.slice(0, -3);
  else if (w.length >= 5 && w.endsWith('ed')) w = w.slice(0, -2);
  else if (w.length >= 4 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 2 && w.at(-1) === w.at(-2)) w = w.slice(0, -1);
  return w;
}

function wordSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const word of a) if (b.has(word)) shared += 1;
  const bothOneWord = a.size === 1 && b.size === 1;
  if (shared < 2 && !(bothOneWord && shared === 1)) return 0;
  return (2 * shared) / (a.size + b.size);
}
