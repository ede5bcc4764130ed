import type { PublicService } from '../../../shared/status-page/status-page-config.js';
import { CheckGroup } from '../common/check-group.js';

/** A check box per public service; `selected` holds the keys ticked. */
export function ServiceChecks({
  legend,
  services,
  selected,
  onChange,
}: {
  legend: string;
  services: readonly PublicService[];
  selected: readonly string[];
  onChange: (selected: readonly string[]) => void;
}) {
  const names = new Map(services.map((s) => [s.key, s.name]));
  return (
    <CheckGroup
      className="statuspage__checks"
      legend={legend}
      options={services.map((s) => s.key)}
      label={(key) => names.get(key) ?? key}
      selected={selected}
      onChange={onChange}
    />
  );
}
