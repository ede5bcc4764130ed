// The boot child (child/*.ts) as JavaScript Node 20 can run: each file transpiled alone (no type-check: that is
// `tsc -p tsconfig.tests.json`'s job) into a temporary folder marked as ES modules.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const SOURCE = fileURLToPath(new URL('./child/', import.meta.url));

/** Writes the child into `folder`; returns its entry script. */
export function buildBootChild(folder: string): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'package.json'), '{ "type": "module" }\n');
  for (const file of readdirSync(SOURCE).filter((name) => name.endsWith('.ts'))) {
    const { outputText } = ts.transpileModule(readFileSync(join(SOURCE, file), 'utf8'), {
      fileName: file,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
        sourceMap: false,
      },
    });
    writeFileSync(join(folder, file.replace(/\.ts$/, '.js')), outputText);
  }
  return join(folder, 'boot-child.js');
}
