/** Reviews: to be built (issue 6). */
export function ReviewsScreen() {
  return (
    <section className="panel">
      <h2>Reviews</h2>
    </section>
  );
}
