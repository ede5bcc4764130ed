// ESLint flat config for Warroom.
//
// Besides style-agnostic correctness rules (formatting is Prettier's job), this file enforces the
// architecture: which top-level process folder may import what. Those rules run in CI and are
// proven by shared/test/boundaries.test.ts; change both together.
//
// Deliberately NOT type-aware (no parserOptions.project): it must stay fast. Type-level purity of
// shared/ is enforced by shared/tsconfig.json (no @types, no DOM lib, "electron" path-mapped away).
import { builtinModules } from 'node:module';

import js from '@eslint/js';
import prettier from 'eslint-config-prettier/flat';
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

/**
 * A relative import that climbs out (`../`, `../../`, ...) into the given top-level folder, also via
 * its compiled output in dist/. Textual: a sub-folder named like a process folder (e.g. renderer/hub/)
 * would also match, so don't name sub-folders hub/, main/ or renderer/.
 */
const relativeInto = (...folders) => `^(?:\\.{1,2}/)*\\.\\./(?:dist/)?(?:${folders.join('|')})(?:/|$)`;

const SHARED_WHY = 'shared/ is pure TypeScript used by every process (hub, Electron main, renderer)';

const sharedNodePattern = {
  regex: NODE_BUILTIN,
  message: `${SHARED_WHY}, and the renderer has no Node. Keep Node built-ins in hub/ or main/ and pass results (or a function) in.`,
};

const sharedPatterns = [
  {
    regex: relativeInto('hub', 'main', 'renderer'),
    message: `${SHARED_WHY}; dependencies point into shared/, never out of it to hub/, main/ or renderer/. Move what you need into shared/.`,
  },
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
    regex: relativeInto('main', 'hub'),
    message: `${RENDERER_WHY}; it reaches main/ through the preload bridge and the hub over the network, never by importing their code. Put shared types and logic in shared/.`,
  },
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
    regex: relativeInto('main', 'renderer'),
    message: `${HUB_WHY}; it may not import main/ or renderer/. Put code used by several processes in shared/.`,
  },
  {
    regex: ELECTRON,
    message: `${HUB_WHY}; Electron is available only in main/.`,
  },
];

const mainPatterns = [
  {
    regex: relativeInto('hub', 'renderer'),
    message:
      'main/ is the Electron main process (and preload); it talks to the hub over its protocol and to the renderer over IPC, never by importing their code. Put code used by several processes in shared/.',
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
  {
    name: 'warroom/boundaries/main',
    files: ['main/**'],
    rules: { 'no-restricted-imports': restrict(mainPatterns) },
  },

  // Must stay last: turns off every rule that would fight Prettier.
  prettier,
]);
