import { cpus, loadavg, release, totalmem } from 'node:os';

/** What the figures were measured on (bench-results.json, docs/benchmarks.md). */
export interface MachineDescription {
  readonly cpus: number;
  readonly model: string;
  /** Total memory in MB. */
  readonly memory: number;
  readonly node: string;
  readonly platform: string;
  readonly release: string;
  /** 1-minute load average when the run started: above 0.5 means something else was busy too. */
  readonly loadAverage: number;
  /** 1-minute load average when the run ended (written with the results). */
  readonly loadAverageAfter?: number;
}

export function describeMachine(): MachineDescription {
  const list = cpus();
  return {
    cpus: list.length,
    model: list[0]?.model.trim() ?? 'unknown',
    memory: Math.round(totalmem() / (1024 * 1024)),
    node: process.version,
    platform: process.platform,
    release: release(),
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
