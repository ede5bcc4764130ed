import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { postmortemDraftSchema, type PostmortemDraft } from '../shared/postmortem/draft-record.js';

/**
 * Postmortem drafts on disk, one JSON file per incident in the app's data folder. A save writes a temporary file,
 * flushes it to disk and renames it over the previous one, so a crash at any moment leaves either the old or the
 * new draft, never a torn one. Leftover temporary files from a crash are ignored and cleaned up.
 */
export class DraftsStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  save(draft: PostmortemDraft): void {
    const checked = postmortemDraftSchema.parse(draft);
    const file = this.path(checked.incidentId);
    const temp = `${file}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(checked));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  }

  /** The last draft saved whole for this incident, or null. */
  load(incidentId: string): PostmortemDraft | null {
    let text: string;
    try {
      text = readFileSync(this.path(incidentId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return postmortemDraftSchema.parse(JSON.parse(text));
  }

  /** Every draft on this machine, newest first, and which ones are not published. */
  list(): PostmortemDraft[] {
    const drafts: PostmortemDraft[] = [];
    for (const name of readdirSync(this.dir)) {
      if (name.endsWith('.tmp')) {
        rmSync(join(this.dir, name), { force: true });
        continue;
      }
      if (!name.endsWith('.json')) continue;
      const draft = this.load(name.slice(0, -'.json'.length));
      if (draft) drafts.push(draft);
    }
    return drafts.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  remove(incidentId: string): void {
    rmSync(this.path(incidentId), { force: true });
  }

  /** Incident ids are safe file names (idSchema: letters, digits, "_" and "-"). */
  private path(incidentId: string): string {
    return join(this.dir, `${postmortemDraftSchema.shape.incidentId.parse(incidentId)}.json`);
  }
}
