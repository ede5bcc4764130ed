import type { StatusPageView } from '../../shared/protocol/status-page-wire.js';
import { statusPageConfigSchema, type StatusPageConfigInput } from '../../shared/status-page/status-page-config.js';

/** A `statuspage` reply's view for component tests: a page with no public service unless `config` says otherwise. */
export function statusPageView(
  partial: Omit<Partial<StatusPageView>, 'config'> & { config?: StatusPageConfigInput } = {},
): StatusPageView {
  const { config, ...rest } = partial;
  return {
    pageUrl: 'http://hub.test/status',
    email: true,
    publishers: 'comms-or-lead',
    subscribers: { confirmed: 0, pending: 0 },
    channels: [],
    webhooks: [],
    ...rest,
    config: statusPageConfigSchema.parse(config ?? {}),
  };
}
