// Runs Electronegativity (@doyensec/electronegativity) on a chosen set of the repository's files and returns its
// findings with their severity. The scanner's CLI exits 0 whatever it finds, and its SARIF output has no severity
// (`level` only says whether a finding needs manual review), so the findings are taken from its programmatic API:
// the same list the CLI writes to its CSV/SARIF files.
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { z } from 'zod';

const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What the scanner's `run()` resolves to (only the parts read here); parsed so that a new version fails loudly. */
const scannerResultSchema = z.object({
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
  issues: z.array(
    z.object({
      id: z.string(),
      /** Absolute path of the scanned file, or "N/A" for a finding about the whole app (a global check). */
      file: z.string(),
      location: z.object({ line: z.number(), column: z.number() }),
      description: z.string(),
      sample: z.string().optional(),
      severity: z.object({ name: z.enum(SEVERITIES) }),
      confidence: z.object({ name: z.string() }),
      manualReview: z.boolean(),
    }),
  ),
});

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly confidence: string;
  readonly manualReview: boolean;
  /** Repository-relative path, or "N/A" for a finding about the whole app. */
  readonly file: string;
  readonly line: number;
  readonly description: string;
}

export interface ScanResult {
  readonly findings: readonly Finding[];
  /** Files the scanner could not parse: they were not checked. */
  readonly errors: readonly { readonly file: string; readonly message: string }[];
}

/** Source files the scanner reads (besides package.json)... */
const SOURCE_EXTENSIONS = new Set(['.js', '.jsx', '.ts', '.tsx', '.html', '.htm']);
/** ...and TypeScript it skips by name (the preload is a .cts): staged under a .ts name so that it is read. */
const RENAMED_EXTENSIONS = new Set(['.cts', '.mts']);

/**
 * Checks left out of every scan. AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads Electron's release list from
 * raw.githubusercontent.com at each run (seconds more to fail offline) and its answer changes from day
 * to day; keeping Electron up to date is a dependency-update task, not something a unit test can decide.
 */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

const requireFromHere = createRequire(import.meta.url);

// The package is CommonJS without type declarations: its `run` is typed here, and its result parsed with zod.
type RunScanner = (options: {
  input: string;
  excludeFromScan: string[];
  // The README calls this option `electronVersion`, but runner.js reads `electronVersionOverride`.
  electronVersionOverride: string;
}) => Promise<unknown>;

/**
 * The Electron version the app is built with (the installed package). Without it the scanner assumes the
 * defaults of Electron 0.1 when no package.json is scanned (a fixture), and reports options that are off today.
 */
function installedElectronVersion(): string {
  return z.object({ version: z.string() }).parse(requireFromHere('electron/package.json')).version;
}

/**
 * The files under `folders` of `root` the scanner can read, repository-relative, minus those `exclude` matches
 * (tested with forward slashes).
 */
export function scannableFiles(root: string, folders: readonly string[], exclude: RegExp): string[] {
  return folders
    .flatMap((folder) =>
      readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' }).map((file) =>
        join(folder, file).split('\\').join('/'),
      ),
    )
    .filter(
      (file) => (SOURCE_EXTENSIONS.has(extname(file)) || RENAMED_EXTENSIONS.has(extname(file))) && !exclude.test(file),
    )
    .sort();
}

/**
 * Scans `files` (repository-relative, under `root`) in one run, so that the global checks (CSP, navigation limits,
 * permission handler) see them all. They are copied to a temporary folder first: the scanner takes a folder and
 * would otherwise read everything in it, fixtures and tests included.
 */
export async function scanWithElectronegativity(root: string, files: readonly string[]): Promise<ScanResult> {
  const run = requireFromHere('@doyensec/electronegativity') as RunScanner;
  const staging = mkdtempSync(join(tmpdir(), 'warroom-electronegativity-'));
  const origins = new Map<string, string>();
  try {
    for (const file of files) {
      const staged = join(staging, RENAMED_EXTENSIONS.has(extname(file)) ? `${file}.ts` : file);
      mkdirSync(dirname(staged), { recursive: true });
      copyFileSync(join(root, file), staged);
      origins.set(staged, file);
    }
    const result = scannerResultSchema.parse(
      await run({
        input: staging,
        excludeFromScan: EXCLUDED_CHECKS,
        electronVersionOverride: installedElectronVersion(),
      }),
    );
    const origin = (file: string): string => origins.get(file) ?? relative(staging, file);
    return {
      findings: result.issues.map((issue) => ({
        ruleId: issue.id,
        severity: issue.severity.name,
        confidence: issue.confidence.name,
        manualReview: issue.manualReview,
        file: issue.file === 'N/A' ? 'N/A' : origin(issue.file),
        line: issue.location.line,
        description: issue.description,
      })),
      errors: result.errors.map((error) => ({ file: origin(error.file), message: error.message })),
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** One line per finding, for a failure message or the log. */
export function describeFinding(finding: Finding): string {
  const where = finding.file === 'N/A' ? 'whole app' : `${finding.file}:${finding.line}`;
  const review = finding.manualReview ? ', review' : '';
  return `${finding.severity} ${finding.ruleId} (${finding.confidence}${review}) at ${where}: ${finding.description}`;
}
