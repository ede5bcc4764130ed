import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_SEVERITY_MAPPING,
  severityMappingFileSchema,
  severityMappingFrom,
  type SeverityMapping,
} from '../../shared/alerts/severity-mapping.js';

export const SEVERITY_MAPPING_FILE_NAME = 'severity-mapping.json';

export const severityMappingFile = (dataDir: string): string => join(dataDir, SEVERITY_MAPPING_FILE_NAME);

export class SeverityMappingError extends Error {}

/**
 * The severity mapping for webhook alerts: `severity-mapping.json` in the data folder laid over the defaults, or
 * the defaults when there is no such file. A file that is not valid JSON or not the documented shape stops the
 * hub with the reason (as a monitor refuses a bad config), rather than paging with severities nobody chose.
 * Read once at start; restart the hub after editing it.
 */
export function loadSeverityMapping(dataDir: string): { mapping: SeverityMapping; file: string | null } {
  const file = severityMappingFile(dataDir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { mapping: DEFAULT_SEVERITY_MAPPING, file: null };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeverityMappingError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = severityMappingFileSchema.safeParse(json);
  if (!parsed.success)
    throw new SeverityMappingError(`${file} is not a severity mapping: ${z.prettifyError(parsed.error)}`);
  return { mapping: severityMappingFrom(parsed.data), file };
}
