import type { AlertSource } from '../../shared/alerts/alert.js';
import { parseAlertmanager } from './alertmanager.js';
import { parseDatadog } from './datadog.js';
import { parseGeneric } from './generic.js';
import { parseGrafana } from './grafana.js';
import type { WebhookParser } from './parse-support.js';
import { parseSentry } from './sentry.js';

/** One parser per webhook endpoint: `/api/webhooks/<source>`. */
export const PARSERS: Readonly<Record<AlertSource, WebhookParser>> = {
  alertmanager: parseAlertmanager,
  grafana: parseGrafana,
  datadog: parseDatadog,
  sentry: parseSentry,
  generic: parseGeneric,
};

/** The request headers a parser reads, kept with the body in the inbox so a replay parses the same way. */
export const KEPT_HEADERS = ['content-type', 'user-agent', 'sentry-hook-resource', 'request-id'] as const;
