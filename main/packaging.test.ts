// electron-builder cannot run here (no Electron binary), so what can be checked about packaging is checked
// from the files: every production dependency is classified as the app's or the hub's, and the hub's are
// exactly the ones electron-builder.yml leaves out — never one the app needs at run time.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, root), 'utf8');

/** Imported at run time by main/ and shared/ (the desktop app). */
const APP_PACKAGES = ['electron-store', 'socket.io-client', 'zod'];
/** Used by the hub alone. */
const HUB_PACKAGES = ['better-sqlite3', 'nodemailer', 'pg', 'pino', 'socket.io', 'web-push'];

interface LockPackage {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const lock = JSON.parse(read('package-lock.json')) as { packages: Record<string, LockPackage> };
const pkg = JSON.parse(read('package.json')) as { main?: string; dependencies: Record<string, string> };
const builderConfig = read('electron-builder.yml');

/** A package and everything it depends on, through the hoisted node_modules of the lock file. */
function closure(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const entry = lock.packages[`node_modules/${name}`];
    if (seen.has(name) || !entry) return;
    seen.add(name);
    for (const dep of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) visit(dep);
  };
  names.forEach(visit);
  return seen;
}

const excluded = new Set(
  [...builderConfig.matchAll(/^\s*- '!\*\*\/node_modules\/(.+)\{,\/\*\*\/\*\}'$/gm)].map((match) => match[1]),
);

describe('packaging the desktop app', () => {
  it('knows where every production dependency runs', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual([...APP_PACKAGES, ...HUB_PACKAGES].sort());
  });

  it('leaves out exactly the packages only the hub needs', () => {
    const app = closure(APP_PACKAGES);
    const hubOnly = [...closure(HUB_PACKAGES)].filter((name) => !app.has(name)).sort();
    expect(hubOnly).toEqual(expect.arrayContaining(['better-sqlite3', 'pino', 'socket.io', 'engine.io']));
    expect([...excluded].sort()).toEqual(hubOnly);
  });

  it('never leaves out a package the app loads', () => {
    const app = closure(APP_PACKAGES);
    expect(app).toContain('ws');
    expect([...excluded].filter((name) => name !== undefined && app.has(name))).toEqual([]);
  });

  it('packs the compiled app and its resources, not the hub', () => {
    expect(pkg.main).toBe('dist/main/main.js');
    expect(builderConfig).toMatch(/^ {2}- dist\/main\/\*\*\/\*$/m);
    expect(builderConfig).toMatch(/^ {2}- dist\/renderer\/\*\*\/\*$/m);
    expect(builderConfig).toMatch(/^ {2}- dist\/shared\/\*\*\/\*$/m);
    expect(builderConfig).not.toMatch(/^ {2}- dist\/(hub|\*\*)/m);
    expect(builderConfig).toMatch(/- from: build\/tray\n\s+to: tray/);
    expect(builderConfig).toMatch(/- from: build\/icon\.png\n\s+to: icon\.png/);
    expect(builderConfig).toMatch(/^npmRebuild: false$/m);
    expect(builderConfig).toMatch(/schemes: \[warroom\]/);
  });

  it('asks macOS for alert-style notifications, without which a page shows no Acknowledge button', () => {
    expect(builderConfig).toMatch(/^mac:\n(?: {2}.*\n)*? {2}extendInfo:\n {4}NSUserNotificationAlertStyle: alert$/m);
  });
});
