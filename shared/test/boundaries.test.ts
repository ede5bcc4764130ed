// Proves the process boundaries hold, from both sides:
//  - the compiler: shared/tsconfig.json has no Node types, no DOM lib and maps "electron" away, so
//    a file in shared/ that reaches for any of them does not compile;
//  - the linter: eslint.config.js forbids imports against the architecture's direction.
// Probes are served from memory at paths inside the tree; nothing is written to disk.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { ESLint, type Linter } from 'eslint';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const sharedDir = path.join(repoRoot, 'shared');

// ---------------------------------------------------------------------------------------------
// Compiler
// ---------------------------------------------------------------------------------------------

/** Compiles shared/ with its own tsconfig plus one in-memory probe; programs share parsed files. */
class SharedCompiler {
  readonly probePath = path.join(sharedDir, '__boundary_probe__.ts');
  private readonly parsed: ts.ParsedCommandLine;
  private readonly host: ts.CompilerHost;
  private readonly cache = new Map<string, ts.SourceFile>();
  private probeSource = '';
  private probeVersion = 0;
  private previous: ts.Program | undefined;

  constructor() {
    const configPath = path.join(sharedDir, 'tsconfig.json');
    const parsed = ts.getParsedCommandLineOfConfigFile(
      configPath,
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
          throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
        },
      },
    );
    if (!parsed) throw new Error(`could not parse ${configPath}`);
    if (parsed.errors.length > 0) throw new Error(format(parsed.errors));
    // Nothing is emitted; no build info either.
    this.parsed = { ...parsed, options: { ...parsed.options, noEmit: true } };

    const base = ts.createCompilerHost(this.parsed.options, true);
    const isProbe = (fileName: string): boolean => path.resolve(fileName) === this.probePath;
    this.host = {
      ...base,
      fileExists: (fileName) => isProbe(fileName) || base.fileExists(fileName),
      readFile: (fileName) => (isProbe(fileName) ? this.probeSource : base.readFile(fileName)),
      getSourceFile: (fileName, languageVersion, onError, shouldCreate) => {
        if (isProbe(fileName)) {
          const probe = ts.createSourceFile(fileName, this.probeSource, languageVersion, true);
          // A new version tells the old program the probe changed, and only the probe.
          (probe as ts.SourceFile & { version?: string }).version = String(this.probeVersion);
          return probe;
        }
        const cached = this.cache.get(fileName);
        if (cached) return cached;
        const file = base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
        if (file) this.cache.set(fileName, file);
        return file;
      },
    };
  }

  /**
   * Error diagnostics of a program made of shared/ plus a probe with `probeSource`: program-wide ones
   * (options, globals, e.g. TS6307) and those of either the probe alone or, with `wholeProgram`, every file.
   */
  compile(probeSource: string, { wholeProgram = false } = {}): ts.Diagnostic[] {
    this.probeSource = probeSource;
    this.probeVersion += 1;
    const program = ts.createProgram({
      rootNames: [...this.parsed.fileNames, this.probePath],
      options: this.parsed.options,
      projectReferences: this.parsed.projectReferences,
      host: this.host,
      oldProgram: this.previous,
    });
    this.previous = program;
    const file = wholeProgram ? undefined : program.getSourceFile(this.probePath);
    if (!wholeProgram && !file) throw new Error('the probe is not part of the program');
    return [
      ...program.getConfigFileParsingDiagnostics(),
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ].filter((d) => d.category === ts.DiagnosticCategory.Error);
  }
}

function format(diagnostics: readonly ts.Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const where = d.file ? `${path.relative(repoRoot, d.file.fileName)}: ` : '';
      return `${where}TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    })
    .join('\n');
}

describe('shared/ compiles only as pure TypeScript', () => {
  let compiler: SharedCompiler;

  beforeAll(() => {
    compiler = new SharedCompiler();
  });

  it('accepts a clean probe (zod + a relative import inside shared/): zero errors in all of shared/', () => {
    const errors = compiler.compile(
      [
        "import { z } from 'zod';",
        "import { severityRank, type Severity } from '../shared/domain/severity.js';",
        "const sev: Severity = 'SEV-1';",
        'export const probe = z.object({ rank: z.number() }).parse({ rank: severityRank(sev) });',
      ].join('\n'),
      { wholeProgram: true },
    );
    expect(format(errors)).toBe('');
  });

  // Each probe must fail to compile for the expected reason (one of the listed TS error codes), so an
  // unrelated error such as a typo in the probe cannot make the test pass.
  const cannotFindModule = [2307, 2591]; // TS 6 reports node built-ins as 2591 ("install type definitions for node")
  const forbidden: ReadonlyArray<{ name: string; source: string; anyOf: readonly number[] }> = [
    {
      name: "import from 'node:fs'",
      source: "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;",
      anyOf: cannotFindModule,
    },
    {
      name: "import from 'fs'",
      source: "import { readFileSync } from 'fs';\nexport const read = readFileSync;",
      anyOf: cannotFindModule,
    },
    {
      name: 'document.title (DOM)',
      source: 'export const title: string = document.title;',
      anyOf: [2584], // Cannot find name 'document'. Do you need to change your target library?
    },
    {
      name: 'process.env (Node global)',
      source: 'export const env = process.env;',
      anyOf: [2580, 2591], // Cannot find name 'process'. Do you need to install type definitions for node?
    },
    {
      name: "side-effect import 'electron'",
      source: "import 'electron';\nexport {};",
      anyOf: [6307], // File is not listed within the file list of project (the path-mapped stub)
    },
    {
      name: "named import from 'electron'",
      source: "import { app } from 'electron';\nexport const quit = (): void => app.quit();",
      anyOf: [6307],
    },
  ];

  it.each(forbidden)('rejects a probe with $name', ({ source, anyOf }) => {
    const errors = compiler.compile(source);
    const expected = errors.filter((d) => anyOf.includes(d.code));
    expect(expected.length, `expected one of TS${anyOf.join(', TS')}, got:\n${format(errors)}`).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Linter
// ---------------------------------------------------------------------------------------------

describe('eslint.config.js enforces the import direction', () => {
  let eslint: ESLint;

  beforeAll(() => {
    eslint = new ESLint({ cwd: repoRoot });
  });

  /** Lints `code` as if it lived at `filePath` (relative to the repo root; the file need not exist). */
  async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
    const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, filePath), warnIgnored: true });
    if (!result) throw new Error(`no lint result for ${filePath}`);
    const fatal = result.messages.filter((m) => m.fatal === true);
    expect(fatal, `${filePath} must parse and not be ignored`).toEqual([]);
    return result.messages;
  }

  const restrictedImportErrors = (messages: readonly Linter.LintMessage[]): Linter.LintMessage[] =>
    messages.filter((m) => m.ruleId === 'no-restricted-imports' && m.severity === 2);

  const probe = (specifier: string): string => `import { x } from '${specifier}';\nexport const y = x;\n`;

  const forbidden: ReadonlyArray<{ file: string; specifier: string; why: string }> = [
    { file: 'shared/domain/probe.ts', specifier: 'node:fs', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.ts', specifier: 'fs', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.ts', specifier: 'fs/promises', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.ts', specifier: 'electron', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.ts', specifier: 'react', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.ts', specifier: 'socket.io', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.ts', specifier: 'better-sqlite3', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.ts', specifier: 'pino', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.ts', specifier: '../../hub/hub.js', why: 'shared/ is pure TypeScript' },
    { file: 'shared/probe.ts', specifier: '../renderer/x.js', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.ts', specifier: '../renderer/x.js', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.ts', specifier: '../../main/y.js', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.ts', specifier: '../../dist/hub/hub.js', why: 'shared/ is pure TypeScript' },
    // Tests in shared/ may use Node, but still not the other processes.
    { file: 'shared/test/probe.test.ts', specifier: '../../hub/hub.js', why: 'shared/ is pure TypeScript' },
    { file: 'shared/domain/probe.test.ts', specifier: '../../main/x.js', why: 'shared/ is pure TypeScript' },
    { file: 'renderer/probe.ts', specifier: '../main/x.js', why: 'renderer/' },
    { file: 'renderer/probe.ts', specifier: '../hub/x.js', why: 'renderer/' },
    { file: 'renderer/components/probe.tsx', specifier: '../../hub/x.js', why: 'renderer/' },
    { file: 'renderer/probe.ts', specifier: 'electron', why: 'renderer/' },
    { file: 'renderer/probe.ts', specifier: 'node:path', why: 'renderer/' },
    { file: 'renderer/probe.ts', specifier: 'path', why: 'renderer/' },
    { file: 'hub/probe.ts', specifier: '../main/x.js', why: 'hub/' },
    { file: 'hub/probe.ts', specifier: '../renderer/x.js', why: 'hub/' },
    { file: 'hub/socket/probe.ts', specifier: '../../main/x.js', why: 'hub/' },
    { file: 'hub/probe.ts', specifier: 'electron', why: 'hub/' },
    { file: 'main/probe.ts', specifier: '../hub/x.js', why: 'main/' },
    { file: 'main/probe.ts', specifier: '../renderer/x.js', why: 'main/' },
  ];

  it.each(forbidden)('$file may not import $specifier', async ({ file, specifier, why }) => {
    const errors = restrictedImportErrors(await lint(file, probe(specifier)));
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(why);
  });

  it('also catches re-exports and type-only imports', async () => {
    const code = "export * from '../../hub/hub.js';\nimport type { X } from 'node:fs';\nexport type Y = X;\n";
    expect(restrictedImportErrors(await lint('shared/domain/probe.ts', code))).toHaveLength(2);
  });

  const allowed: ReadonlyArray<{ file: string; specifier: string }> = [
    { file: 'hub/probe.ts', specifier: '../shared/domain/decide.js' },
    { file: 'hub/socket/probe.ts', specifier: 'node:fs' },
    { file: 'hub/probe.ts', specifier: 'better-sqlite3' },
    { file: 'shared/domain/probe.ts', specifier: 'zod' },
    { file: 'shared/domain/probe.ts', specifier: './severity.js' },
    { file: 'shared/probe.ts', specifier: '../shared/domain/severity.js' },
    { file: 'shared/test/probe.test.ts', specifier: 'node:fs' },
    { file: 'shared/domain/probe.test.ts', specifier: 'node:path' },
    { file: 'renderer/probe.ts', specifier: '../shared/domain/severity.js' },
    { file: 'renderer/probe.ts', specifier: 'socket.io-client' },
    { file: 'main/probe.ts', specifier: 'electron' },
    { file: 'main/probe.ts', specifier: 'node:path' },
    { file: 'main/probe.ts', specifier: '../shared/protocol/wire.js' },
  ];

  it.each(allowed)('$file may import $specifier', async ({ file, specifier }) => {
    const messages = await lint(file, probe(specifier));
    expect(restrictedImportErrors(messages)).toEqual([]);
  });

  it('reports it.only / describe.only / test.only in tests as errors', async () => {
    const code = [
      "import { describe, it, test } from 'vitest';",
      "describe.only('a', () => {",
      "  it.only('b', () => {});",
      "  test.only('c', () => {});",
      '});',
      '',
    ].join('\n');
    const errors = (await lint('shared/test/probe.test.ts', code)).filter(
      (m) => m.ruleId === 'no-restricted-properties' && m.severity === 2,
    );
    expect(errors.map((m) => m.line)).toEqual([2, 3, 4]);
  });

  it('reports `any`, unless disabled with a reason; and @ts-ignore always', async () => {
    const bare = await lint('hub/probe.ts', 'export const a: any = 1;\n');
    expect(bare.filter((m) => m.ruleId === '@typescript-eslint/no-explicit-any' && m.severity === 2)).toHaveLength(1);

    const unexplained = await lint(
      'hub/probe.ts',
      '// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const a: any = 1;\n',
    );
    expect(unexplained.filter((m) => m.ruleId === 'warroom/require-disable-reason')).toHaveLength(1);

    const explained = await lint(
      'hub/probe.ts',
      '// eslint-disable-next-line @typescript-eslint/no-explicit-any -- third-party callback is untyped\nexport const a: any = 1;\n',
    );
    expect(explained).toEqual([]);

    const ignored = await lint('hub/probe.ts', '// @ts-ignore\nexport const a: number = 1;\n');
    expect(ignored.filter((m) => m.ruleId === '@typescript-eslint/ban-ts-comment' && m.severity === 2)).toHaveLength(1);
  });

  it('allows unused arguments that start with _ but not other unused variables', async () => {
    const messages = await lint(
      'hub/probe.ts',
      'export function f(_unused: number, used: number): number {\n  const spare = 1;\n  return used;\n}\n',
    );
    expect(messages.filter((m) => m.ruleId === '@typescript-eslint/no-unused-vars').map((m) => m.line)).toEqual([2]);
  });
});
