/** Show the count from this share of the limit on: early enough to shorten, quiet for ordinary texts. */
const SHOW_FROM = 0.8;

/** Whether a text of this length is near (or at) its limit: the counter shows, and the field can say so. */
export function nearLimit(length: number, limit: number): boolean {
  return length >= Math.floor(limit * SHOW_FROM);
}

/**
 * "1,640 / 2,000" beside a field once its text nears the limit, so a long text is shortened by the person who wrote
 * it instead of being cut silently. Announced politely to screen readers; red at the limit.
 */
export function CharCount({ value, limit, id }: { value: string; limit: number; id?: string }) {
  const length = value.length; // UTF-16 units, as maxLength and the schemas count
  if (!nearLimit(length, limit)) return null;
  const atLimit = length >= limit;
  return (
    <span
      id={id}
      className={`char-count${atLimit ? ' char-count--full' : ''}`}
      aria-live="polite"
      data-char-count={length}
    >
      {length.toLocaleString('en')} / {limit.toLocaleString('en')}
      {atLimit ? ' (the limit)' : ''}
    </span>
  );
}
