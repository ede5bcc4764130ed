/** Things to close, closed in reverse order of opening; a failure in one does not skip the others. */
export class Cleanup {
  private readonly steps: Array<() => unknown> = [];

  add(step: () => unknown): void {
    this.steps.push(step);
  }

  /** Runs every step (last added first); returns the failures. */
  async run(): Promise<unknown[]> {
    const failures: unknown[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        failures.push(error);
      }
    }
    return failures;
  }
}

/**
 * Runs `body` with a Cleanup, then closes what it added, whatever happened. When the body failed, its error is the
 * one thrown (a failure while closing must not hide why the benchmark stopped); otherwise the first closing failure.
 */
export async function withCleanup<T>(body: (cleanup: Cleanup) => Promise<T>): Promise<T> {
  const cleanup = new Cleanup();
  let result: T;
  try {
    result = await body(cleanup);
  } catch (error) {
    await cleanup.run();
    throw error;
  }
  const [failure] = await cleanup.run();
  if (failure !== undefined) throw failure;
  return result;
}
