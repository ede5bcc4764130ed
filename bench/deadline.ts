import { nowMs } from './clock.js';

export class DeadlineError extends Error {}

/** A point in time after which a benchmark gives up: every loop checks it, every wait is cut at it. */
export class Deadline {
  private readonly end: number;

  constructor(
    ms: number,
    readonly what: string,
  ) {
    this.end = nowMs() + ms;
  }

  remaining(): number {
    return Math.max(0, this.end - nowMs());
  }

  expired(): boolean {
    return this.remaining() === 0;
  }

  /** Throws once the deadline has passed: call it in every loop. */
  check(): void {
    if (this.expired()) throw new DeadlineError(`${this.what}: out of time`);
  }

  /** A shorter deadline inside this one (never later than it). */
  within(ms: number, what: string): Deadline {
    return new Deadline(Math.min(ms, this.remaining()), `${this.what}: ${what}`);
  }

  /** Resolves as `promise` does, or rejects after `ms` (and never after this deadline). */
  bound<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
    return withTimeout(promise, Math.min(ms, this.remaining()), `${this.what}: ${what}`);
  }
}

/** Resolves as `promise` does, or rejects with `what` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what}: no answer in ${Math.round(ms)} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `count` samples taken one after another; stops with an error at the deadline. */
export async function sampleLoop<T>(deadline: Deadline, count: number, take: (i: number) => Promise<T>): Promise<T[]> {
  const samples: T[] = [];
  for (let i = 0; i < count; i++) {
    deadline.check();
    samples.push(await take(i));
  }
  return samples;
}
