import { timeZoneOptions } from './time-zones.js';

/** A choice of IANA time zone, the current one always among the options. */
export function TimeZoneSelect({ value, onChange }: { value: string; onChange: (zone: string) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      {timeZoneOptions(value).map((zone) => (
        <option key={zone} value={zone}>
          {zone}
        </option>
      ))}
    </select>
  );
}
