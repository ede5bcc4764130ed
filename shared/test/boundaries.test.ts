// Proves the process boundaries hold, from both sides:
//  - the compiler: shared/tsconfig.json has no Node types, no DOM lib and maps "electron" away, so
//    a file in shared/ that reaches for any of them does not compile;
//  - the linter: eslint.config.js forbids imports against the architecture's direction. Every rule has a
//    probe that MUST be reported (so a rule that silently stops matching fails here), and legal imports
//    that must pass.
// Probes are served from memory at paths inside the tree; nothing is written to disk.
import { existsSync } from 'node:fs';
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

/**
 * Compiles ONE in-memory probe (plus the few files it names) with shared/tsconfig.json's options. It never
 * builds the whole of shared/: that `npm run typecheck` (tsc -b) already does, and doing it again here took
 * seconds on a busy machine. Lib and package typings are parsed once and shared by every probe's program.
 */
class ProbeCompiler {
  readonly probePath = path.join(sharedDir, '__boundary_probe__.ts');
  private readonly options: ts.CompilerOptions;
  private readonly host: ts.CompilerHost;
  private readonly cache = new Map<string, ts.SourceFile>();
  private probeSource = '';
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
    // Nothing is emitted; no build info either. `composite` stays on: it is what turns the path-mapped
    // electron stub (a file outside the program's list) into TS6307, as in the real build.
    this.options = { ...parsed.options, noEmit: true };

    const base = ts.createCompilerHost(this.options, true);
    const isProbe = (fileName: string): boolean => path.resolve(fileName) === this.probePath;
    this.host = {
      ...base,
      fileExists: (fileName) => isProbe(fileName) || base.fileExists(fileName),
      readFile: (fileName) => (isProbe(fileName) ? this.probeSource : base.readFile(fileName)),
      getSourceFile: (fileName, languageVersion, onError, shouldCreate) => {
        if (isProbe(fileName)) return ts.createSourceFile(fileName, this.probeSource, languageVersion, true);
        const cached = this.cache.get(fileName);
        if (cached) return cached;
        const file = base.getSourceFile(fileName, languageVersion, onError, shouldCreate);
        if (file) this.cache.set(fileName, file);
        return file;
      },
    };
  }

  /** Error diagnostics of the probe (and program-wide ones, e.g. TS6307), with `roots` (shared/-relative) listed too. */
  compile(probeSource: string, roots: readonly string[] = []): ts.Diagnostic[] {
    this.probeSource = probeSource;
    const program = ts.createProgram({
      rootNames: [this.probePath, ...roots.map((root) => path.join(sharedDir, root))],
      options: this.options,
      host: this.host,
      oldProgram: this.previous,
    });
    this.previous = program;
    const file = program.getSourceFile(this.probePath);
    if (!file) throw new Error('the probe is not part of the program');
    return [
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
  let compiler: ProbeCompiler;

  beforeAll(() => {
    compiler = new ProbeCompiler();
  });

  it('accepts a clean probe (zod + a relative import inside shared/)', () => {
    const errors = compiler.compile(
      [
        "import { z } from 'zod';",
        "import { severityRank, type Severity } from './domain/severity.js';",
        "const sev: Severity = 'SEV-1';",
        'export const probe = z.object({ rank: z.number() }).parse({ rank: severityRank(sev) });',
      ].join('\n'),
      ['domain/severity.ts'],
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
      name: "import('node:fs')",
      source: "export const read = async (): Promise<unknown> => (await import('node:fs')).readFileSync;",
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
      name: 'require() (Node global)',
      source: "export const fs: unknown = require('node:fs');",
      anyOf: [2580, 2591], // Cannot find name 'require'.
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

  const errorsOf = (rule: string, messages: readonly Linter.LintMessage[]): Linter.LintMessage[] =>
    messages.filter((m) => m.ruleId === rule && m.severity === 2);

  const probe = (specifier: string): string => `import { x } from '${specifier}';\nexport const y = x;\n`;

  // ----- Package rules (no-restricted-imports): they name packages, so the specifier is all there is. -----

  describe('package rules', () => {
    const packageErrors = (messages: readonly Linter.LintMessage[]): Linter.LintMessage[] =>
      errorsOf('no-restricted-imports', messages);

    const forbidden: ReadonlyArray<{ file: string; specifier: string; why: string }> = [
      { file: 'shared/domain/probe.ts', specifier: 'node:fs', why: 'shared/ is pure TypeScript' },
      { file: 'shared/domain/probe.ts', specifier: 'fs', why: 'shared/ is pure TypeScript' },
      { file: 'shared/domain/probe.ts', specifier: 'fs/promises', why: 'shared/ is pure TypeScript' },
      { file: 'shared/domain/probe.ts', specifier: 'electron', why: 'Electron exists only in main/' },
      { file: 'shared/domain/probe.ts', specifier: 'react', why: 'React belongs to renderer/' },
      { file: 'shared/domain/probe.ts', specifier: 'socket.io', why: 'hub-side Node libraries' },
      { file: 'shared/domain/probe.ts', specifier: 'better-sqlite3', why: 'hub-side Node libraries' },
      { file: 'shared/domain/probe.ts', specifier: 'pino', why: 'hub-side Node libraries' },
      { file: 'shared/test/probe.test.ts', specifier: 'electron', why: 'Electron exists only in main/' },
      { file: 'renderer/probe.ts', specifier: 'electron', why: 'renderer/' },
      { file: 'renderer/probe.ts', specifier: 'node:path', why: 'renderer/' },
      { file: 'renderer/probe.ts', specifier: 'path', why: 'renderer/' },
      { file: 'renderer/probe.ts', specifier: 'better-sqlite3', why: 'renderer/' },
      { file: 'hub/probe.ts', specifier: 'electron', why: 'hub/' },
    ];

    it.each(forbidden)('$file may not import $specifier', async ({ file, specifier, why }) => {
      const errors = packageErrors(await lint(file, probe(specifier)));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toContain(why);
    });

    it('also catches `export * from` and type-only imports of a package', async () => {
      const code = "export * from 'node:path';\nimport type { Stats } from 'node:fs';\nexport type Y = Stats;\n";
      expect(packageErrors(await lint('shared/domain/probe.ts', code))).toHaveLength(2);
    });

    const allowed: ReadonlyArray<{ file: string; specifier: string }> = [
      { file: 'hub/socket/probe.ts', specifier: 'node:fs' },
      { file: 'hub/probe.ts', specifier: 'better-sqlite3' },
      { file: 'shared/domain/probe.ts', specifier: 'zod' },
      { file: 'shared/test/probe.test.ts', specifier: 'node:fs' },
      { file: 'shared/domain/probe.test.ts', specifier: 'node:path' },
      { file: 'renderer/probe.ts', specifier: 'socket.io-client' },
      { file: 'main/probe.ts', specifier: 'electron' },
      { file: 'main/probe.ts', specifier: 'node:path' },
    ];

    it.each(allowed)('$file may import $specifier', async ({ file, specifier }) => {
      expect(packageErrors(await lint(file, probe(specifier)))).toEqual([]);
    });
  });

  // ----- Folder rules (eslint-plugin-boundaries): judged on the file the specifier RESOLVES to. -----

  describe('folder rules', () => {
    const boundaryErrors = (messages: readonly Linter.LintMessage[]): Linter.LintMessage[] =>
      errorsOf('boundaries/dependencies', messages);

    /** Every way a module names another; each must be caught. */
    const forms = {
      import: (s: string) => probe(s),
      'import type': (s: string) => `import type { X } from '${s}';\nexport type Y = X;\n`,
      'export * from': (s: string) => `export * from '${s}';\n`,
      'export { } from': (s: string) => `export { x } from '${s}';\n`,
      'import()': (s: string) => `export const load = (): Promise<unknown> => import('${s}');\n`,
      'require()': (s: string) =>
        `// eslint-disable-next-line @typescript-eslint/no-require-imports -- probe: require() must still be caught\nexport const m: unknown = require('${s}');\n`,
    } satisfies Record<string, (specifier: string) => string>;
    type Form = keyof typeof forms;

    // Targets are real files (a rule is judged on the resolved file; an import of a missing file does
    // not resolve, and tsc refuses it anyway). Specifiers use NodeNext `.js` for `.ts` files, so each
    // report also proves that the resolver maps them.
    const forbidden: ReadonlyArray<{ file: string; specifier: string; form: Form; why: string }> = [
      // shared/ imports none of hub/, main/, renderer/ (tests in shared/ included).
      {
        file: 'shared/domain/probe.ts',
        specifier: '../../hub/limits/limits.js',
        form: 'import',
        why: 'shared/ is pure TypeScript',
      },
      {
        file: 'shared/domain/probe.ts',
        specifier: '../../hub/limits/limits.js',
        form: 'export * from',
        why: 'never out of it',
      },
      {
        file: 'shared/domain/probe.ts',
        specifier: '../../hub/limits/limits.js',
        form: 'import type',
        why: 'never out of it',
      },
      {
        file: 'shared/domain/probe.ts',
        specifier: '../../main/hub-url.js',
        form: 'export { } from',
        why: 'never out of it',
      },
      { file: 'shared/probe.ts', specifier: '../renderer/messages.js', form: 'import()', why: 'never out of it' },
      {
        file: 'shared/domain/probe.ts',
        specifier: '../../renderer/store/store.js',
        form: 'import',
        why: 'never out of it',
      },
      {
        file: 'shared/domain/probe.ts',
        specifier: '../../renderer/bridge/index.js',
        form: 'import',
        why: 'never out of it',
      },
      // A detour through an allowed folder still lands in hub/: the path is resolved, not pattern-matched.
      {
        file: 'shared/domain/probe.ts',
        specifier: '../../renderer/../hub/limits/limits.js',
        form: 'import',
        why: 'never out of it',
      },
      {
        file: 'shared/test/probe.test.ts',
        specifier: '../../hub/limits/limits.js',
        form: 'import',
        why: 'never out of it',
      },
      {
        file: 'shared/domain/probe.test.ts',
        specifier: '../../main/hub-url.js',
        form: 'require()',
        why: 'never out of it',
      },
      // renderer/ imports none of main/, hub/ — not even lazily.
      { file: 'renderer/probe.ts', specifier: '../main/hub-url.js', form: 'import', why: 'renderer/' },
      { file: 'renderer/probe.ts', specifier: '../main/hub-url.js', form: 'import()', why: 'not even with import()' },
      { file: 'renderer/ui/probe.tsx', specifier: '../../main/deep-link.js', form: 'import()', why: 'preload bridge' },
      {
        file: 'renderer/store/probe.ts',
        specifier: '../../hub/limits/limits.js',
        form: 'import type',
        why: 'renderer/',
      },
      {
        file: 'renderer/bridge/probe.ts',
        specifier: '../../hub/limits/limits.js',
        form: 'export * from',
        why: 'renderer/',
      },
      { file: 'renderer/ui/probe.test.tsx', specifier: '../../main/hub-url.js', form: 'require()', why: 'renderer/' },
      // hub/ imports none of main/, renderer/.
      {
        file: 'hub/probe.ts',
        specifier: '../main/hub-url.js',
        form: 'import',
        why: 'hub/ is a standalone Node server',
      },
      { file: 'hub/socket/probe.ts', specifier: '../../main/hub-url.js', form: 'require()', why: 'hub/' },
      { file: 'hub/probe.ts', specifier: '../renderer/messages.js', form: 'import()', why: 'hub/' },
      { file: 'hub/test/probe.test.ts', specifier: '../../renderer/messages.js', form: 'export { } from', why: 'hub/' },
      // main/ imports none of hub/, renderer/.
      {
        file: 'main/probe.ts',
        specifier: '../hub/limits/limits.js',
        form: 'import',
        why: 'main/ is the Electron main process',
      },
      { file: 'main/probe.ts', specifier: '../hub/limits/limits.js', form: 'import()', why: 'main/' },
      { file: 'main/probe.ts', specifier: '../renderer/messages.js', form: 'require()', why: 'main/' },
      { file: 'main/probe.test.ts', specifier: '../renderer/messages.js', form: 'export * from', why: 'main/' },
      // No product folder imports bench/ or e2e/ (tests may use the harness in e2e/support/, nothing else).
      { file: 'shared/domain/probe.ts', specifier: '../../bench/options.js', form: 'import', why: 'Product code' },
      { file: 'hub/probe.ts', specifier: '../bench/options.js', form: 'import()', why: 'Product code' },
      { file: 'main/probe.ts', specifier: '../e2e/support/hub-process.js', form: 'import', why: 'Product code' },
      { file: 'renderer/probe.ts', specifier: '../e2e/long-incident.e2e.js', form: 'import', why: 'Product code' },
      { file: 'hub/probe.ts', specifier: '../e2e/support/hub-process.js', form: 'require()', why: 'Product code' },
      { file: 'main/probe.test.ts', specifier: '../bench/options.js', form: 'import', why: 'not e2e tests or bench/' },
      {
        file: 'hub/test/probe.test.ts',
        specifier: '../../e2e/long-incident.e2e.js',
        form: 'import',
        why: 'not e2e tests or bench/',
      },
      // e2e/ does not import bench/.
      {
        file: 'e2e/probe.e2e.ts',
        specifier: '../bench/options.js',
        form: 'import',
        why: 'bench/ is measurement tooling',
      },
      { file: 'e2e/support/probe.ts', specifier: '../../bench/options.js', form: 'import()', why: 'bench/' },
      // Inside renderer/: UI (ui/ and whatever folders it moves into) reaches the host only through the store.
      {
        file: 'renderer/ui/probe.tsx',
        specifier: '../bridge/index.js',
        form: 'import',
        why: "through the store's actions",
      },
      {
        file: 'renderer/ui/probe.tsx',
        specifier: '../bridge/index.js',
        form: 'import()',
        why: "through the store's actions",
      },
      {
        file: 'renderer/ui/probe.tsx',
        specifier: '../bridge/index.js',
        form: 'export { } from',
        why: 'renderer/bridge/',
      },
      { file: 'renderer/ui/probe.test.tsx', specifier: '../bridge/index.js', form: 'import', why: 'renderer/bridge/' },
      { file: 'renderer/board/probe.tsx', specifier: '../bridge/index.js', form: 'import', why: 'renderer/bridge/' },
      {
        file: 'renderer/routing/probe.ts',
        specifier: '../bridge/index.js',
        form: 'import type',
        why: 'renderer/bridge/',
      },
    ];

    it.each(forbidden)('$file may not $form $specifier', async ({ file, specifier, form, why }) => {
      const target = path.resolve(path.dirname(path.join(repoRoot, file)), specifier.replace(/\.js$/u, '.ts'));
      expect(existsSync(target), `probe target ${path.relative(repoRoot, target)} moved: pick another`).toBe(true);
      const errors = boundaryErrors(await lint(file, forms[form](specifier)));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toContain(why);
    });

    // dist/ is the compiled product: importing dist/hub/ is importing the hub. Only there once built.
    const distHub = path.join(repoRoot, 'dist/hub/cli.js');
    it.skipIf(!existsSync(distHub))('shared/ may not import the hub through dist/', async () => {
      const errors = boundaryErrors(await lint('shared/domain/probe.ts', probe('../../dist/hub/cli.js')));
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toContain('never out of it');
    });

    const allowed: ReadonlyArray<{ file: string; specifier: string; form: Form }> = [
      { file: 'shared/domain/probe.ts', specifier: './severity.js', form: 'import' },
      { file: 'shared/probe.ts', specifier: './domain/severity.js', form: 'export * from' },
      { file: 'hub/probe.ts', specifier: '../shared/domain/severity.js', form: 'import' },
      { file: 'hub/socket/probe.ts', specifier: '../limits/limits.js', form: 'import()' },
      { file: 'main/probe.ts', specifier: '../shared/protocol/wire.js', form: 'import' },
      { file: 'main/probe.ts', specifier: './hub-url.js', form: 'require()' },
      { file: 'renderer/probe.ts', specifier: '../shared/domain/severity.js', form: 'import' },
      { file: 'renderer/ui/probe.tsx', specifier: '../store/store.js', form: 'import' },
      { file: 'renderer/ui/probe.tsx', specifier: '../../shared/domain/severity.js', form: 'import()' },
      { file: 'renderer/ui/probe.tsx', specifier: '../routing/hash-route.js', form: 'import' },
      // The store's actions, the entry point that builds them and the component-test harness hold the bridge.
      { file: 'renderer/store/probe.ts', specifier: '../bridge/index.js', form: 'import' },
      { file: 'renderer/main.tsx', specifier: './bridge/index.js', form: 'import' },
      { file: 'renderer/testing/probe.tsx', specifier: '../bridge/index.js', form: 'import' },
      // Tests in product folders may start a hub with the e2e harness.
      { file: 'main/probe.test.ts', specifier: '../e2e/support/hub-process.js', form: 'import' },
      { file: 'e2e/probe.e2e.ts', specifier: '../hub/cli/electron-binary.js', form: 'import' },
      { file: 'e2e/probe.e2e.ts', specifier: './support/hub-process.js', form: 'import' },
      { file: 'bench/probe.ts', specifier: '../hub/limits/limits.js', form: 'import' },
    ];

    it.each(allowed)('$file may $form $specifier', async ({ file, specifier, form }) => {
      const target = path.resolve(path.dirname(path.join(repoRoot, file)), specifier.replace(/\.js$/u, '.ts'));
      expect(existsSync(target), `probe target ${path.relative(repoRoot, target)} moved: pick another`).toBe(true);
      expect(boundaryErrors(await lint(file, forms[form](specifier)))).toEqual([]);
    });
  });

  // ----- Other project rules. -----

  it('reports it.only / describe.only / test.only in tests as errors', async () => {
    const code = [
      "import { describe, it, test } from 'vitest';",
      "describe.only('a', () => {",
      "  it.only('b', () => {});",
      "  test.only('c', () => {});",
      '});',
      '',
    ].join('\n');
    const errors = errorsOf('no-restricted-properties', await lint('shared/test/probe.test.ts', code));
    expect(errors.map((m) => m.line)).toEqual([2, 3, 4]);
  });

  it('reports `any`, unless disabled with a reason; and @ts-ignore always', async () => {
    const bare = await lint('hub/probe.ts', 'export const a: any = 1;\n');
    expect(errorsOf('@typescript-eslint/no-explicit-any', bare)).toHaveLength(1);

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
    expect(errorsOf('@typescript-eslint/ban-ts-comment', ignored)).toHaveLength(1);
  });

  it('allows unused arguments that start with _ but not other unused variables', async () => {
    const messages = await lint(
      'hub/probe.ts',
      'export function f(_unused: number, used: number): number {\n  const spare = 1;\n  return used;\n}\n',
    );
    expect(messages.filter((m) => m.ruleId === '@typescript-eslint/no-unused-vars').map((m) => m.line)).toEqual([2]);
  });
});
