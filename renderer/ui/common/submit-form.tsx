import type { ReactNode } from 'react';

/**
 * A form that the app checks itself (noValidate: the hub's answer is what counts) and that hands its submit to
 * `onSubmit` instead of reloading the page.
 */
export function SubmitForm({
  className = 'form',
  label,
  onSubmit,
  children,
}: {
  className?: string;
  label: string;
  onSubmit: () => Promise<void>;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      {children}
    </form>
  );
}
