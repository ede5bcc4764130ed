import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { limitsEnv } from './limits.js';
import { appendSuiteLog } from './suite-logs.js';

const CLI = fileURLToPath(new URL('../../../dist/hub/cli.js', import.meta.url));

/** Runs the built CLI to completion (token commands) and returns its output. */
export function runCliProcess(args: readonly string[]): string {
  return execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export interface HubProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** SIGKILL: no shutdown hooks, no flush; whatever was not durable is gone. */
  kill(): Promise<void>;
  /** SIGTERM: a clean stop. */
  stop(): Promise<void>;
}

/**
 * Starts `warroom-hub serve` as its own process on a free port, resolving when it listens. Its limits are
 * GENEROUS_LIMITS unless `env` sets others (WARROOM_COMMAND_BURST …).
 */
export function startHubProcess(
  dataDir: string,
  extraArgs: readonly string[] = [],
  env: Readonly<Record<string, string>> = {},
): Promise<HubProcess> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', dataDir, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WARROOM_LOG_LEVEL: 'debug', ...limitsEnv(), ...env },
  });
  // The hub logs JSON to stdout: a pipe nobody reads fills up (64 KiB) and then holds every line in the hub's
  // memory. Drain it into the run's logs (checked for secrets after the run); a test may still attach a reader.
  child.stdout?.on('data', (chunk: Buffer) => appendSuiteLog(`hub-${child.pid ?? 'x'}`, chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => () => {
    child.kill(name);
    return exited;
  };
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const url = /Warroom hub on (http:\/\/\S+)/.exec(stderr)?.[1];
      if (url) resolve({ url, child, kill: signal('SIGKILL'), stop: signal('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`hub exited with ${code}: ${stderr}`)));
  });
}

/** Runs the built CLI and returns exit code and both streams, for tests of failures. */
export function runCliResult(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
