/** The postmortem editor: to be built (issue 6). */
export function PostmortemScreen() {
  return (
    <section className="panel">
      <h2>Postmortem</h2>
    </section>
  );
}
