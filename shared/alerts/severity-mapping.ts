import { z } from 'zod';
import { SEVERITIES, severitySchema, type Severity } from '../domain/severity.js';
import { alertSourceSchema, type AlertSource } from './alert.js';

/**
 * How a monitor's own words for severity ("critical", "P2", "warning", "fatal", …) become SEV-1..SEV-3.
 * Words are compared trimmed and lower-cased. Source-specific words win over the common table.
 */
export interface SeverityMapping {
  /** Words every source may use. */
  readonly words: Readonly<Record<string, Severity>>;
  /** Words for one source only (Sentry's "error" need not mean what Alertmanager's does). */
  readonly sources: Readonly<Partial<Record<AlertSource, Readonly<Record<string, Severity>>>>>;
  /** The alert says nothing about severity. */
  readonly missing: Severity;
  /** The alert names a severity the table does not know. */
  readonly unknown: Severity;
}

const words = (severity: Severity, list: readonly string[]) => list.map((w) => [w, severity] as const);

/**
 * Defaults (docs/webhooks.md): critical / P1 -> SEV-1, warning / P2-P3 -> SEV-2, info / P4-P5 -> SEV-3.
 * Missing or unknown -> SEV-2: "when in doubt, choose the higher severity" rounds an unclear alert up from the
 * lowest level, while SEV-1 (page anytime) stays for alerts that say they are critical.
 */
export const DEFAULT_SEVERITY_MAPPING: SeverityMapping = {
  words: Object.fromEntries([
    ...words('SEV-1', ['critical', 'crit', 'fatal', 'emergency', 'emerg', 'disaster', 'page', 'p1', 'sev1']),
    ...words('SEV-2', ['error', 'err', 'high', 'major', 'warning', 'warn', 'average', 'p2', 'p3', 'sev2']),
    ...words('SEV-3', [
      'info',
      'information',
      'informational',
      'notice',
      'low',
      'minor',
      'debug',
      'ticket',
      'p4',
      'p5',
      'sev3',
      'sev4',
      'sev5',
    ]),
  ]),
  sources: {},
  missing: 'SEV-2',
  unknown: 'SEV-2',
};

/** `severity-mapping.json` in the hub's data folder: every field optional, merged over the defaults. */
export const severityMappingFileSchema = z.strictObject({
  words: z.record(z.string().min(1).max(100), severitySchema).optional(),
  sources: z.partialRecord(alertSourceSchema, z.record(z.string().min(1).max(100), severitySchema)).optional(),
  missing: severitySchema.optional(),
  unknown: severitySchema.optional(),
});
export type SeverityMappingFile = z.infer<typeof severityMappingFileSchema>;

/** The defaults with a file's entries laid over them (its words added to, or replacing, the default words). */
export function severityMappingFrom(file: SeverityMappingFile): SeverityMapping {
  const lower = (table: Readonly<Record<string, Severity>>) =>
    Object.fromEntries(Object.entries(table).map(([w, s]) => [normalizeWord(w), s]));
  const sources: Partial<Record<AlertSource, Record<string, Severity>>> = {};
  for (const [source, table] of Object.entries(file.sources ?? {}) as [AlertSource, Record<string, Severity>][])
    sources[source] = lower(table);
  return {
    words: { ...DEFAULT_SEVERITY_MAPPING.words, ...lower(file.words ?? {}) },
    sources,
    missing: file.missing ?? DEFAULT_SEVERITY_MAPPING.missing,
    unknown: file.unknown ?? DEFAULT_SEVERITY_MAPPING.unknown,
  };
}

/**
 * The severity of an alert from the words its monitor used (several when a notification groups several alerts or
 * a source has more than one field for it). Empty words are ignored; none left -> `missing`. Each word maps through
 * the source's table, then the common one, else `unknown`; the highest result wins, so a group with one critical
 * series is SEV-1 ("when in doubt, choose the higher severity").
 */
export function mapSeverity(
  mapping: SeverityMapping,
  source: AlertSource,
  given: ReadonlyArray<string | null | undefined>,
): Severity {
  const found = given
    .map((w) => (w === null || w === undefined ? '' : normalizeWord(w)))
    .filter((w) => w !== '')
    .map((w) => mapping.sources[source]?.[w] ?? mapping.words[w] ?? mapping.unknown);
  if (found.length === 0) return mapping.missing;
  return SEVERITIES.find((s) => found.includes(s)) ?? mapping.unknown;
}

/** "SEV-1", "Sev 1", "sev_1" and "sev1" are one word; so are " Critical " and "critical". */
function normalizeWord(word: string): string {
  const lower = word.trim().toLowerCase();
  const sev = /^sev[\s_-]?([1-5])$/.exec(lower);
  return sev ? `sev${sev[1]}` : lower;
}
