import { useId, type InputHTMLAttributes, type Ref, type TextareaHTMLAttributes } from 'react';
import { CharCount, nearLimit } from './char-count.js';

type Limited<A, E> = Omit<A, 'value' | 'maxLength'> & { value: string; limit: number; ref?: Ref<E> };

/**
 * A text field held to its limit, with the counter that shows near it: one place decides the cap, the counter and
 * how a screen reader learns of it (the counter joins the field's description only while it shows).
 */
export function LimitedInput({
  value,
  limit,
  ref,
  'aria-describedby': describedBy,
  ...rest
}: Limited<InputHTMLAttributes<HTMLInputElement>, HTMLInputElement>) {
  const countId = useId();
  return (
    <>
      <input
        {...rest}
        ref={ref}
        value={value}
        maxLength={limit}
        aria-describedby={describe(describedBy, value, limit, countId)}
      />
      <CharCount value={value} limit={limit} id={countId} />
    </>
  );
}

/** LimitedInput for the few texts of several lines (an update, an impact, a summary). */
export function LimitedTextarea({
  value,
  limit,
  ref,
  'aria-describedby': describedBy,
  ...rest
}: Limited<TextareaHTMLAttributes<HTMLTextAreaElement>, HTMLTextAreaElement>) {
  const countId = useId();
  return (
    <>
      <textarea
        {...rest}
        ref={ref}
        value={value}
        maxLength={limit}
        aria-describedby={describe(describedBy, value, limit, countId)}
      />
      <CharCount value={value} limit={limit} id={countId} />
    </>
  );
}

function describe(own: string | undefined, value: string, limit: number, countId: string): string | undefined {
  const ids = [own, nearLimit(value.length, limit) ? countId : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
