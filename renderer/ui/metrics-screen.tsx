/** Metrics: to be built (issue 6). */
export function MetricsScreen() {
  return (
    <section className="panel" aria-labelledby="metrics-title">
      <h2 id="metrics-title">Metrics</h2>
    </section>
  );
}
