/**
 * A check box per option under a legend; `selected` holds the options ticked, in the order they were ticked.
 * `className`: the fieldset's.
 */
export function CheckGroup<T extends string>({
  className,
  legend,
  options,
  label,
  selected,
  onChange,
}: {
  className: string;
  legend: string;
  options: readonly T[];
  label: (option: T) => string;
  selected: readonly T[];
  onChange: (selected: readonly T[]) => void;
}) {
  return (
    <fieldset className={className}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option} className="check">
          <input
            type="checkbox"
            checked={selected.includes(option)}
            onChange={(e) => onChange(e.target.checked ? [...selected, option] : selected.filter((o) => o !== option))}
          />{' '}
          {label(option)}
        </label>
      ))}
    </fieldset>
  );
}
