// ESLint flat config for Warroom.
//
// Besides style-agnostic correctness rules (formatting is Prettier's job), this file enforces the
// architecture: which top-level folder may import what. Those rules run in CI and are proven by
// shared/test/boundaries.test.ts (a probe per rule that must be reported); change both together.
//  - Folder-to-folder rules (shared -> nothing; renderer, hub, main -> shared only; nothing -> bench, e2e;
//    renderer's UI -> not its bridge) are checked by eslint-plugin-boundaries on the RESOLVED file of every
//    static import, `export ... from`, `import()` and `require()`: eslint-import-resolver-typescript maps
//    NodeNext `.js` specifiers to the `.ts` files, so `../x/../main/y.js` cannot slip past a regex.
//  - Package rules (Node built-ins, electron, react, server-side packages) are no-restricted-imports
//    patterns: they name packages, not paths.
//
// Deliberately NOT type-aware (no parserOptions.project): it must stay fast. Type-level purity of
// shared/ is enforced by shared/tsconfig.json (no @types, no DOM lib, "electron" path-mapped away).
import { builtinModules } from 'node:module';
import path from 'node:path';

import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Escapes a string for use inside a RegExp source. */
const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

// ---------------------------------------------------------------------------------------------
// Import patterns (matched against the import specifier, case-insensitively).
// ---------------------------------------------------------------------------------------------

/** Any `node:` import, or a bare built-in such as `fs`, `fs/promises`, `path`, `child_process`. */
const NODE_BUILTIN = `^(?:node:|(?:${builtinModules.map(escapeRegex).join('|')})(?:/|$))`;
const ELECTRON = '^(?:electron|@electron/[^/]+)(?:/|$)';
const REACT = '^react(?:-dom)?(?:/|$)';
/** socket.io is the server package; socket.io-client is a different specifier and is not matched. */
const NODE_ONLY_PACKAGES = '^(?:socket\\.io|better-sqlite3|pino)(?:/|$)';

const SHARED_WHY = 'shared/ is pure TypeScript used by every process (hub, Electron main, renderer)';

const sharedNodePattern = {
  regex: NODE_BUILTIN,
  message: `${SHARED_WHY}, and the renderer has no Node. Keep Node built-ins in hub/ or main/ and pass results (or a function) in.`,
};

const sharedPatterns = [
  {
    regex: ELECTRON,
    message: `${SHARED_WHY}; Electron exists only in main/ (and its preload). Keep Electron code there.`,
  },
  {
    regex: REACT,
    message: `${SHARED_WHY}; React belongs to renderer/. Keep shared/ free of UI code.`,
  },
  {
    regex: NODE_ONLY_PACKAGES,
    message: `${SHARED_WHY}; socket.io (server), better-sqlite3 and pino are hub-side Node libraries. Keep them in hub/.`,
  },
];

const RENDERER_WHY = 'renderer/ is the sandboxed browser UI (no Node, no Electron)';

const rendererPatterns = [
  {
    regex: ELECTRON,
    message: `${RENDERER_WHY}; Electron APIs are exposed to it only through the preload bridge in main/.`,
  },
  {
    regex: NODE_ONLY_PACKAGES,
    message: `${RENDERER_WHY}; socket.io (server), better-sqlite3 and pino are hub-side Node libraries (use socket.io-client).`,
  },
];

const rendererNodePattern = {
  regex: NODE_BUILTIN,
  message: `${RENDERER_WHY}; Node built-ins do not exist there. Ask main/ through the preload bridge.`,
};

const HUB_WHY = 'hub/ is a standalone Node server (warroom-hub) that must run without Electron or a UI';

const hubPatterns = [
  {
    regex: ELECTRON,
    message: `${HUB_WHY}; Electron is available only in main/.`,
  },
];

// ---------------------------------------------------------------------------------------------
// Folder-to-folder rules (eslint-plugin-boundaries), matched against the file an import RESOLVES to.
// ---------------------------------------------------------------------------------------------

const ROOT = import.meta.dirname;

/**
 * Which folder a file belongs to; the first match wins, so the narrow renderer entries come first. The
 * compiled output in dist/ counts as its source folder (importing dist/hub/ is importing the hub).
 */
const FOLDERS = [
  // The only door from the renderer to its host (window.warroom or the web bridge).
  { type: 'renderer-bridge', pattern: ['renderer/bridge/**'], partialMatch: false },
  // What may hold that door: the store's actions and the component-test harness.
  { type: 'renderer-host-wiring', pattern: ['renderer/store/**', 'renderer/testing/**'], partialMatch: false },
  // Everything else in renderer/: ui/ (and the feature folders it is being split into), routing, messages.
  { type: 'renderer', pattern: ['renderer/**', 'dist/renderer/**'], partialMatch: false },
  { type: 'shared', pattern: ['shared/**', 'dist/shared/**'], partialMatch: false },
  { type: 'hub', pattern: ['hub/**', 'dist/hub/**'], partialMatch: false },
  { type: 'main', pattern: ['main/**', 'dist/main/**'], partialMatch: false },
  { type: 'e2e-support', pattern: ['e2e/support/**'], partialMatch: false },
  { type: 'e2e', pattern: ['e2e/**'], partialMatch: false },
  { type: 'bench', pattern: ['bench/**', 'dist/bench/**'], partialMatch: false },
];

const RENDERER_ANY = ['renderer', 'renderer-bridge', 'renderer-host-wiring'];
const PRODUCT = ['shared', 'hub', 'main', ...RENDERER_ANY];

/**
 * What kind of file it is, within its folder; the first match wins, and every file gets one (a selector
 * cannot match a file that has no category).
 */
const FILES = [
  // renderer/'s entry point builds the store and its actions around the host, so it holds the bridge.
  { category: 'composition-root', pattern: 'renderer/main.tsx' },
  // Tests and their helpers: they may use the e2e harness (it starts a real hub); product code may not.
  { category: 'test', pattern: ['**/*.test.*', '**/*.spec.*', '**/test/**', '**/testing/**', '**/test-support.ts'] },
  { category: 'source', pattern: '**' },
];

const fromTypes = (...types) => ({ element: { types: { anyOf: types } } });
const toTypes = (...types) => ({ to: { element: { types: { anyOf: types } } } });

/** Disallow policies over a default of allow: each says what may not be imported, and why. */
const POLICIES = [
  {
    from: fromTypes('shared'),
    disallow: toTypes('hub', 'main', ...RENDERER_ANY),
    message: `${SHARED_WHY}; dependencies point into shared/, never out of it to hub/, main/ or renderer/. Move what you need into shared/.`,
  },
  {
    from: fromTypes(...RENDERER_ANY),
    disallow: toTypes('main', 'hub'),
    message: `${RENDERER_WHY}; it reaches main/ through the preload bridge and the hub over the network, never by importing their code (not even with import()). Put shared types and logic in shared/.`,
  },
  {
    from: fromTypes('hub'),
    disallow: toTypes('main', ...RENDERER_ANY),
    message: `${HUB_WHY}; it may not import main/ or renderer/. Put code used by several processes in shared/.`,
  },
  {
    from: fromTypes('main'),
    disallow: toTypes('hub', ...RENDERER_ANY),
    message:
      'main/ is the Electron main process (and preload); it talks to the hub over its protocol and to the renderer over IPC, never by importing their code. Put code used by several processes in shared/.',
  },
  {
    from: { ...fromTypes(...PRODUCT), file: { categories: { noneOf: ['test'] } } },
    disallow: toTypes('bench', 'e2e', 'e2e-support'),
    message:
      'Product code (shared/, hub/, main/, renderer/) ships; bench/ and e2e/ are tooling that does not. Move what both need into the product folder (or shared/).',
  },
  {
    // Tests may start a hub with e2e/support/, but not depend on other tests or on the benchmarks.
    from: { ...fromTypes(...PRODUCT), file: { categories: 'test' } },
    disallow: toTypes('bench', 'e2e'),
    message:
      'Tests in product folders may use the e2e harness (e2e/support/) but not e2e tests or bench/: those are not stable APIs.',
  },
  {
    from: fromTypes('e2e', 'e2e-support'),
    disallow: toTypes('bench'),
    message:
      'e2e/ runs in `npm test`; bench/ is measurement tooling outside it. Move what both need into e2e/support/ or the product.',
  },
  {
    from: { ...fromTypes('renderer'), file: { categories: { noneOf: ['composition-root'] } } },
    disallow: toTypes('renderer-bridge'),
    message:
      "UI components reach the host only through the store's actions (renderer/store/), so they stay testable with the harness and one place handles refusals and offline. Add or use an action instead of importing renderer/bridge/.",
  },
];

const restrict = (patterns) => ['error', { patterns }];

const ALL = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const testFilesOf = (folder) => [`${folder}/**/*.test.*`, `${folder}/**/*.spec.*`, `${folder}/test/**`];

// ---------------------------------------------------------------------------------------------
// Local rule: every eslint-disable comment must say why (`-- reason`).
// ---------------------------------------------------------------------------------------------

const DISABLE_DIRECTIVE = /^\s*eslint-disable(?:-line|-next-line)?(?:\s|$)/u;
/** ESLint's own separator between a directive and its description. */
const DESCRIPTION_SEPARATOR = /\s-{2,}\s/u;

const requireDisableReason = {
  meta: {
    type: 'problem',
    docs: { description: 'Require a reason (`-- why`) on every eslint-disable comment.' },
    schema: [],
    messages: {
      missing:
        'Say why this rule is disabled: `eslint-disable-next-line <rule> -- <reason>`. Unexplained disables (and any `any`) are not accepted.',
    },
  },
  create(context) {
    return {
      Program() {
        for (const comment of context.sourceCode.getAllComments()) {
          const text = comment.value.replace(/^\s*\*?/u, '');
          if (!DISABLE_DIRECTIVE.test(text)) continue;
          const [, ...description] = text.split(DESCRIPTION_SEPARATOR);
          if (description.join(' ').trim() === '') {
            context.report({ loc: comment.loc, messageId: 'missing' });
          }
        }
      },
    };
  },
};

export default defineConfig([
  globalIgnores(['**/dist/', '**/node_modules/', '**/coverage/', 'shared/forbidden/'], 'warroom/ignores'),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'warroom/base',
    files: [ALL],
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { warroom: { rules: { 'require-disable-reason': requireDisableReason } } },
    rules: {
      'warroom/require-disable-reason': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        {
          'ts-ignore': true,
          'ts-nocheck': true,
          'ts-check': false,
          'ts-expect-error': 'allow-with-description',
          minimumDescriptionLength: 10,
        },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // A focused test silently skips the rest of the suite.
      'no-restricted-properties': [
        'error',
        ...['it', 'test', 'describe', 'suite', 'bench'].map((object) => ({
          object,
          property: 'only',
          message: `${object}.only focuses one test and silently skips the rest of the suite; remove it before committing.`,
        })),
      ],
    },
  },

  // Globals only matter to no-undef, which typescript-eslint turns off for TS files (tsc checks names
  // there); they keep plain .js files honest. shared/ gets none beyond the language's own.
  {
    name: 'warroom/globals/node',
    files: [ALL],
    ignores: ['shared/**', 'renderer/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'warroom/globals/renderer',
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    name: 'warroom/globals/service-worker',
    files: ['renderer/public/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },

  // React components and hooks live in renderer/ (.tsx, and .ts for hooks): the rules of hooks apply there.
  {
    name: 'warroom/renderer/react-hooks',
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.flat['recommended-latest'].rules,
  },

  // ----- Import direction (architecture). Later blocks replace earlier options for the same rule. -----
  {
    name: 'warroom/boundaries/shared',
    files: ['shared/**'],
    ignores: testFilesOf('shared'),
    rules: { 'no-restricted-imports': restrict([...sharedPatterns, sharedNodePattern]) },
  },
  {
    // shared/ tests run in Node, so Node built-ins are fine there; the direction rule still holds.
    name: 'warroom/boundaries/shared-tests',
    files: testFilesOf('shared'),
    rules: { 'no-restricted-imports': restrict(sharedPatterns) },
  },
  {
    name: 'warroom/boundaries/renderer',
    files: ['renderer/**'],
    ignores: testFilesOf('renderer'),
    rules: { 'no-restricted-imports': restrict([...rendererPatterns, rendererNodePattern]) },
  },
  {
    name: 'warroom/boundaries/renderer-tests',
    files: testFilesOf('renderer'),
    rules: { 'no-restricted-imports': restrict(rendererPatterns) },
  },
  {
    name: 'warroom/boundaries/hub',
    files: ['hub/**'],
    rules: { 'no-restricted-imports': restrict(hubPatterns) },
  },

  // ----- Folder-to-folder direction, on resolved paths (see FOLDERS and POLICIES above). -----
  {
    name: 'warroom/boundaries/folders',
    files: [ALL],
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': ROOT,
      'boundaries/elements': FOLDERS,
      'boundaries/files': FILES,
      'boundaries/files-single-match': true,
      // Every way a file can pull in another: import, export ... from, import(), require().
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import', 'require'],
      'boundaries/legacy-templates': false,
      'import/resolver': {
        typescript: {
          // Each folder's own tsconfig (NodeNext: `./x.js` is `./x.ts`); tsconfig.tests.json covers tests/tooling.
          project: [
            'shared/tsconfig.json',
            'hub/tsconfig.json',
            'main/tsconfig.json',
            'renderer/tsconfig.json',
            'tsconfig.tests.json',
          ].map((config) => path.join(ROOT, config)),
          noWarnOnMultipleProjects: true,
        },
      },
    },
    rules: { 'boundaries/dependencies': ['error', { default: 'allow', policies: POLICIES }] },
  },

  // Must stay last: turns off every rule that would fight Prettier.
  prettier,
]);
