import { HELP } from './help.js';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Wrong words on the command line: said with the fix, exit code 2. */
export class UsageError extends Error {}

/** --data, --database and --secrets-key, as every command that opens the store takes them. */
export const STORE_OPTIONS = {
  data: { type: 'string' },
  database: { type: 'string' },
  'secrets-key': { type: 'string' },
} as const;

export function help(io: CliIo, topic: keyof typeof HELP): number {
  io.out(HELP[topic]);
  return 0;
}
