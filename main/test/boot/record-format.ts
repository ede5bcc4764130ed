// What the boot child writes (child/record.ts) and the boot test reads: one JSON object per line.

/** A call main (or a library it loads) made on the fake electron: `api` is `app.quit`, `BrowserWindow#1.show`… */
export interface CallLine {
  readonly kind: 'call';
  readonly api: string;
  readonly args: readonly unknown[];
}

/** Something the child's driver did or saw (a step of the scenario and its outcome). */
export interface NoteLine {
  readonly kind: 'note';
  readonly what: string;
  readonly data?: unknown;
}

export type BootRecord = CallLine | NoteLine;

export function parseRecord(text: string): BootRecord[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as BootRecord);
}

/** Main's calls to one API of the fake, in order. */
export function callsTo(record: readonly BootRecord[], api: string): CallLine[] {
  return record.filter((line): line is CallLine => line.kind === 'call' && line.api === api);
}

/** The driver's notes of one kind, in order. */
export function notesOf(record: readonly BootRecord[], what: string): unknown[] {
  return record.filter((line): line is NoteLine => line.kind === 'note' && line.what === what).map((line) => line.data);
}

/** Where in the record the first line matching `test` is (-1: nowhere). */
export function indexOf(record: readonly BootRecord[], test: (line: BootRecord) => boolean): number {
  return record.findIndex(test);
}
