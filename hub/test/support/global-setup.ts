import { execFileSync } from 'node:child_process';

/** Some tests run the built CLI as a real process; build first (incremental, so usually instant). */
export default function setup(): void {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-b'], { stdio: 'inherit' });
}
