import { describe, expect, it } from 'vitest';
import type { TriedEntry } from './incident.js';
import { attemptSimilarity, attemptWords, findSimilarAttempts, stem } from './similar-attempts.js';
import { T0, alice } from './test-support.js';

let counter = 0;
function entry(what: string): TriedEntry {
  counter += 1;
  return {
    id: `t-${counter}`,
    what,
    hypothesis: '',
    by: alice,
    at: T0,
    outcome: 'pending',
    outcomeBy: null,
    outcomeAt: null,
    outcomeNote: '',
    struck: null,
  };
}

const whats = (entries: readonly TriedEntry[]) => entries.map((e) => e.what);

describe('findSimilarAttempts', () => {
  const restartPods = entry('restart payment worker pods');
  const rollback = entry('rollback of deploy 4812');
  const flushCdn = entry('Flushed the CDN cache');
  const scaleDb = entry('Scaled up the database replicas');
  const tried = [restartPods, rollback, flushCdn, scaleDb];

  it('matches the same action in other words and tenses', () => {
    expect(whats(findSimilarAttempts('Restarted the payment workers', tried))).toEqual(['restart payment worker pods']);
  });

  it('treats "rolled back", "roll back", "rolling back" and "rollback" alike', () => {
    for (const what of ['Rolled back deploy 4812', 'roll back deploy 4812', 'rolling back deploy #4812']) {
      expect(whats(findSimilarAttempts(what, tried))).toEqual(['rollback of deploy 4812']);
    }
    expect(whats(findSimilarAttempts('roll-back deploy 4812', tried))).toEqual(['rollback of deploy 4812']);
  });

  it('folds a few synonyms', () => {
    expect(whats(findSimilarAttempts('Reverted deploy 4812', tried))).toEqual(['rollback of deploy 4812']);
    expect(whats(findSimilarAttempts('reboot payment workers', tried))).toEqual(['restart payment worker pods']);
  });

  it('finds nothing for a different attempt', () => {
    expect(findSimilarAttempts('Disabled the fraud check', tried)).toEqual([]);
    expect(findSimilarAttempts('Scaled down the web tier', tried)).toEqual([]);
  });

  it('empty, filler-only or one-word input never matches everything', () => {
    const restarts = [entry('restart payment workers'), entry('restart the cache'), entry('restart nginx')];
    expect(findSimilarAttempts('', restarts)).toEqual([]);
    expect(findSimilarAttempts('  ...  ', restarts)).toEqual([]);
    expect(findSimilarAttempts('the and of', restarts)).toEqual([]);
    expect(findSimilarAttempts('restart', restarts)).toEqual([]);
    expect(findSimilarAttempts('restarted', [entry('Restart')]).length).toBe(1);
  });

  it('an entry with no real words never matches', () => {
    expect(findSimilarAttempts('restart workers', [entry('!!!'), entry('')])).toEqual([]);
  });

  it('lists the most similar first, ties in the order they were tried', () => {
    const a = entry('restart payment workers in eu-west');
    const b = entry('restart payment workers');
    const c = entry('restart payment workers and clear queue');
    const d = entry('Restarted payment workers');
    expect(findSimilarAttempts('restart payment workers', [a, b, c, d])).toEqual([b, d, a, c]);
  });

  it('the threshold decides how alike is alike enough', () => {
    const loose = [entry('restart payment workers, clear the retry queue, page the vendor and open a ticket')];
    expect(findSimilarAttempts('restart payment workers', loose)).toEqual([]);
    expect(findSimilarAttempts('restart payment workers', loose, 0.3)).toEqual(loose);
    expect(findSimilarAttempts('restart payment workers', [restartPods], 0.9)).toEqual([]);
  });

  it('returns a new array and leaves the entries alone', () => {
    const list = Object.freeze([...tried]);
    const found = findSimilarAttempts('Restarted the payment workers', list);
    expect(found).not.toBe(list);
    expect(found[0]).toBe(restartPods);
  });
});

describe('attemptWords', () => {
  it('lower-cases, splits on anything but letters and digits, drops filler, stems', () => {
    expect([...attemptWords('Restarted the payment-workers, then (again) on EU nodes!')]).toEqual([
      'restart',
      'payment',
      'worker',
      'again',
      'eu',
      'nod',
    ]);
  });

  it('keeps words that change the meaning of an action', () => {
    expect([...attemptWords('scale up')]).toEqual(['scal', 'up']);
    expect([...attemptWords('scale down')]).toEqual(['scal', 'down']);
  });

  it('keeps numbers whole', () => {
    expect([...attemptWords('deploy 4811 and 100')]).toEqual(['deploy', '4811', '100']);
  });

  it('knows letters beyond ASCII', () => {
    expect([...attemptWords('Neustart der Zahlungsdienste')]).toEqual(['neustart', 'der', 'zahlungsdienst']);
  });
});

describe('stem', () => {
  it.each([
    ['restarted', 'restart'],
    ['restarting', 'restart'],
    ['restarts', 'restart'],
    ['restart', 'restart'],
    ['workers', 'worker'],
    ['scaled', 'scal'],
    ['scale', 'scal'],
    ['scaling', 'scal'],
    ['stopped', 'stop'],
    ['stop', 'stop'],
    ['rolled', 'rol'],
    ['roll', 'rol'],
    ['rollback', 'rollback'],
    ['retries', 'retry'],
    ['retried', 'retry'],
    ['cached', 'cach'],
    ['caches', 'cach'],
    ['process', 'proces'],
    ['processes', 'proces'],
    ['ping', 'ping'],
    ['dns', 'dns'],
    ['red', 'red'],
    ['4811', '4811'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('attemptSimilarity', () => {
  it('is 1 for the same words and 0 for nothing (or one word) in common', () => {
    expect(attemptSimilarity('Rolled back deploy 4812', 'rollback of deploy 4812')).toBe(1);
    expect(attemptSimilarity('restart workers', 'flush cache')).toBe(0);
    expect(attemptSimilarity('restart workers', 'restart cache')).toBe(0);
    expect(attemptSimilarity('', '')).toBe(0);
  });

  it('is the Dice coefficient of the word sets otherwise', () => {
    // {restart, payment, worker} and {restart, payment, worker, pod}: 2·3 / (3 + 4)
    expect(attemptSimilarity('Restarted the payment workers', 'restart payment worker pods')).toBeCloseTo(6 / 7);
  });

  it('is symmetric', () => {
    const a = 'Scaled up the database replicas';
    const b = 'scale database replicas up to 12';
    expect(attemptSimilarity(a, b)).toBe(attemptSimilarity(b, a));
    expect(attemptSimilarity(a, b)).toBeCloseTo(8 / 9);
  });
});
