/** A hub never runs on a schema newer than it knows: it could misread or damage what a newer hub wrote. */
export class NewerSchemaError extends Error {
  constructor(what: string, found: number, known: number) {
    super(
      `The ${what} is at schema version ${found}, newer than this hub knows (${known}). ` +
        'A newer Warroom hub wrote it: run that version, or restore a backup taken before the upgrade.',
    );
    this.name = 'NewerSchemaError';
  }
}
