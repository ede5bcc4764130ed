import { describe, expect, it } from 'vitest';
import { UsageError } from './cli-io.js';
import { userNameArg } from './user-name.js';

describe('token create --user NAME', () => {
  it('takes a name people can read, trimmed', () => {
    expect(userNameArg('ana')).toBe('ana');
    expect(userNameArg('  María José ')).toBe('María José');
    expect(userNameArg('יעל\u200F')).toBe('יעל\u200F');
  });

  it.each([
    [undefined, '--user NAME is required (1-100 characters)'],
    ['', '--user: The name needs visible characters. Nothing was created.'],
    [
      '\u200B\u200D',
      '--user: The name needs visible characters: it holds only spaces or invisible characters. Nothing was created.',
    ],
    [
      'ana\u202Enimda',
      '--user: Remove the text-direction control character U+202E (RIGHT-TO-LEFT OVERRIDE) from the name (at character 4): it can make text read differently from what it says. Nothing was created.',
    ],
    ['ana\nadmin', '--user: The name is one line: remove the line break (at character 4). Nothing was created.'],
  ])('refuses %j with a usage error that says why', (value, message) => {
    expect(() => userNameArg(value)).toThrow(UsageError);
    expect(() => userNameArg(value)).toThrow(message);
  });
});
