import { describe, expect, it } from 'vitest';
import { BIDI_CONTROLS, textProblem, withoutRefusedCharacters, type TextRule } from './text-rules.js';

const title: TextRule = { what: 'the title', max: 200, lines: 'single' };
const service: TextRule = { what: 'the service', max: 200, lines: 'single', optional: true };
const update: TextRule = { what: 'the status update', max: 4000, lines: 'multi' };

describe('the text rule: what people may write', () => {
  it.each([
    ['plain words', 'Checkout fails for card payments'],
    ['accents and dashes', 'Zahlungsausfall – Kasse übernimmt'],
    ['Arabic', 'فشل الدفع في المتجر'],
    ['Hebrew with a right-to-left mark before the punctuation', 'התשלום נכשל\u200F!'],
    ['an Arabic letter mark', 'الدفع\u061C 42'],
    ['a left-to-right mark', 'API\u200E v2'],
    ['an emoji made with zero-width joiners', '👩\u200D💻 on it'],
    ['Persian with a zero-width non-joiner', 'می\u200Cخواهم'],
    ['a flag made with tag characters', 'Team 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}'],
    ['a combining accent', 'Cafe\u0301 down'],
    ['Chinese', '支付失败'],
    ['a soft hyphen inside a word', 'Zahlungs\u00ADausfall'],
    ['a zero-width space inside visible text', 'long\u200Bword'],
    ['a character beyond the BMP', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 outage'],
  ])('takes %s', (_, text) => {
    expect(textProblem(text, title)).toBeNull();
    expect(textProblem(text, update)).toBeNull();
  });

  it.each([
    ['nothing', ''],
    ['a zero-width space', '\u200B'],
    ['every zero-width character', '\u200B\u200C\u200D\u2060\uFEFF'],
    ['spaces of all kinds', ' \u00A0\u2003\u3000'],
    ['direction marks', '\u200E\u200F\u061C'],
    ['a soft hyphen', '\u00AD'],
    ['a Hangul filler', '\u3164'],
    ['a blank Braille pattern', '\u2800'],
    ['variation selectors', '\uFE0F\u{E0100}'],
    ['tag characters', '\u{E0041}\u{E0042}'],
    ['invisible operators', '\u2061\u2062\u2063\u2064'],
  ])('refuses a title of only %s: it needs visible characters', (_, text) => {
    expect(textProblem(text, title)).toMatch(/^The title needs visible characters/);
  });

  it('says so plainly for an empty title, and for an invisible one says what it holds', () => {
    expect(textProblem('', title)).toBe('The title needs visible characters.');
    expect(textProblem('\u200B\u200B', title)).toBe(
      'The title needs visible characters: it holds only spaces or invisible characters.',
    );
  });

  it('lets an optional field be empty, but not invisible', () => {
    expect(textProblem('', service)).toBeNull();
    expect(textProblem('\u200B', service)).toBe(
      'The service needs visible characters (or leave it empty): it holds only spaces or invisible characters.',
    );
  });

  it.each(Object.entries(BIDI_CONTROLS).map(([char, name]) => [name, char]))(
    'refuses the text-direction control %s, anywhere',
    (name, char) => {
      const code = `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}`;
      for (const rule of [title, service, update]) {
        const problem = textProblem(`Checkout ${char}down`, rule);
        expect(problem).toContain(`Remove the text-direction control character ${code} (${name}) from ${rule.what}`);
      }
    },
  );

  it('names each kind of direction control once, and where the first is', () => {
    expect(textProblem('Invoice \u202Efdp.exe\u202C and \u202Eagain', title)).toBe(
      'Remove the text-direction control characters U+202E (RIGHT-TO-LEFT OVERRIDE) and U+202C (POP DIRECTIONAL FORMATTING) from the title (at character 9): they can make text read differently from what it says.',
    );
    // Characters, not UTF-16 units: the emoji before it counts once.
    expect(textProblem('🔥 \u2066x\u2069', title)).toContain('(at character 3)');
    expect(textProblem('Line one\nLine two \u2067x\u2069', update)).toContain('(on line 2)');
  });

  it('refuses them even around visible text that would otherwise pass', () => {
    expect(textProblem('\u202Ethe title\u202C', title)).toMatch(/^Remove the text-direction control characters/);
  });

  it('keeps a single line on one line: line breaks and tabs are refused, saying where', () => {
    expect(textProblem('Checkout\ndown', title)).toBe('The title is one line: remove the line break (at character 9).');
    for (const lineBreak of ['\r', '\r\n', '\u0085', '\u2028', '\u2029'])
      expect(textProblem(`a${lineBreak}b`, title)).toMatch(/is one line: remove the line break/);
    expect(textProblem('a\tb', title)).toBe('Remove the control character U+0009 from the title (at character 2).');
  });

  it('keeps line breaks and tabs in multi-line text, and refuses other control characters', () => {
    expect(textProblem('First\r\nSecond\n\tindented\u2028next', update)).toBeNull();
    expect(textProblem('First\nSec\u0007ond', update)).toBe(
      'Remove the control character U+0007 from the status update (on line 2).',
    );
    for (const control of ['\u0000', '\u001B', '\u007F', '\u0090', '\u009B'])
      expect(textProblem(`a${control}b`, update)).toMatch(/^Remove the control character U\+00/);
  });

  it('refuses half of a surrogate pair on its own', () => {
    expect(textProblem('Broken \uD800 text', title)).toBe(
      'Remove the broken character from the title (at character 8): it is half of a character pair, on its own.',
    );
    expect(textProblem('Broken \uDC00', update)).toMatch(/^Remove the broken character/);
  });

  it('refuses text over its length, counting as the field limits always have (UTF-16 units)', () => {
    expect(textProblem('x'.repeat(200), title)).toBeNull();
    expect(textProblem('x'.repeat(201), title)).toBe('The title may be at most 200 characters (this one has 201).');
    expect(textProblem('x'.repeat(4001), update)).toBe(
      'The status update may be at most 4,000 characters (this one has 4,001).',
    );
  });

  it('reads the longest text a command may carry, and finds a refused character at its very end', () => {
    // How long it takes is for the benchmarks, not a test: here only that the whole text is looked at.
    const long = `${'# A heading\n\nSome words, then a line.\n'.repeat(3000)}`.slice(0, 100_000);
    const rule = { what: 'the postmortem', max: 100_000, lines: 'multi' } as const;
    expect(textProblem(long, rule)).toBeNull();
    expect(textProblem(`${long.slice(0, 99_999)}\u202E`, rule)).toMatch(/U\+202E/);
  });
});

describe('withoutRefusedCharacters (text the app writes from older log entries)', () => {
  it('leaves out direction controls, lone surrogates and control characters, keeping lines and tabs', () => {
    const older = 'Deploy \u202Eexe.\u202C\u0007 done\n\tnext \uD800line\u2066x\u2069\r\n';
    const cleaned = withoutRefusedCharacters(older);
    expect(cleaned).toBe('Deploy exe. done\n\tnext linex\r\n');
    expect(textProblem(cleaned, update)).toBeNull();
  });

  it('keeps what the rule allows, marks and joiners included', () => {
    const fine = 'התשלום נכשל\u200F! 👩\u200D💻 می\u200Cخواهم';
    expect(withoutRefusedCharacters(fine)).toBe(fine);
  });
});
