/** A contract test's body run on a freshly opened store, which is disposed of afterwards whatever happened. */
export function withFixture<F extends { dispose(): Promise<void> }>(
  open: () => Promise<F>,
): (test: (fixture: F) => Promise<void>) => () => Promise<void> {
  return (test) => async () => {
    const fixture = await open();
    try {
      await test(fixture);
    } finally {
      await fixture.dispose();
    }
  };
}
