import { z } from 'zod';
import { mapSeverity } from '../../shared/alerts/severity-mapping.js';
import {
  FIELD_NAMES,
  alertKey,
  clip,
  labelsOf,
  link,
  moment,
  pick,
  type NormalizedAlert,
  type ParseContext,
} from './parse-support.js';

/**
 * Alertmanager's webhook and Grafana's contact point send the same shape: one notification per group of alerts
 * (the route's group_by), with a `groupKey` that stays the same for as long as the group exists. Both parsers
 * hand their payload to `normalizeGroup`.
 */
const stringMap = z.record(z.string(), z.string());

export const groupedAlertSchema = z.object({
  /** Some senders leave it out of each alert; the group's status stands for it then. */
  status: z.enum(['firing', 'resolved']).optional(),
  labels: stringMap,
  annotations: stringMap.default({}),
  startsAt: z.string().min(1),
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().optional(),
});
export type GroupedAlert = z.infer<typeof groupedAlertSchema> & { readonly links?: readonly string[] };
/** An alert with the group's status and common labels and annotations filled in where it has none of its own. */
type FilledAlert = GroupedAlert & { readonly status: 'firing' | 'resolved' };

export const alertGroupFields = {
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().optional(),
  groupKey: z.string().min(1, 'must name the group (groupKey)'),
  groupLabels: stringMap.default({}),
  commonLabels: stringMap.default({}),
  commonAnnotations: stringMap.default({}),
  externalURL: z.string().optional(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
};

export interface AlertGroup {
  readonly source: 'alertmanager' | 'grafana';
  /** The group's status: the status of an alert that gives none. */
  readonly status: 'firing' | 'resolved';
  /** Prepended to the groupKey: `alertmanager:` or `grafana:<orgId>:`. */
  readonly keyPrefix: string;
  readonly groupKey: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  /** Labels and annotations every alert of the group shares: an alert without its own value takes these. */
  readonly commonLabels: Readonly<Record<string, string>>;
  readonly commonAnnotations: Readonly<Record<string, string>>;
  readonly externalURL: string;
  readonly truncatedAlerts: number;
  readonly alerts: readonly GroupedAlert[];
  /**
   * Grafana: the title names the alert rule (its `alertname`) before the summary, "HighErrorRate: checkout 5xx
   * above 2%", since Grafana's summaries are often written to be read under the rule's name.
   */
  readonly titleNamesRule?: boolean;
}

/** Series listed in an incident's description at most; the rest are counted. */
const LISTED_SERIES = 20;

/**
 * One normalized alert per group, keyed by the groupKey: a noisy rule with 50 series is one incident, and every
 * later notification of the group attaches to it. A group with no group labels (group_by: [] puts every alert of the
 * route in one group) is split by alertname, so unrelated rules do not pile into one incident.
 * The group fires while any of its alerts fires, and is resolved when all are.
 */
export function normalizeGroup(group: AlertGroup, ctx: ParseContext): NormalizedAlert[] {
  const split = Object.keys(group.groupLabels).length === 0;
  const buckets = new Map<string, FilledAlert[]>();
  for (const alert of group.alerts.map((a) => filled(group, a))) {
    const bucket = split ? (alert.labels.alertname ?? '') : '';
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), alert]);
  }
  return [...buckets.entries()].map(([alertname, alerts]) =>
    normalizeBucket(group, alerts, split ? `|alertname=${alertname}` : '', ctx),
  );
}

/** The alert's own status, labels and annotations win; the group's fill what it leaves out. */
function filled(group: AlertGroup, alert: GroupedAlert): FilledAlert {
  return {
    ...alert,
    status: alert.status ?? group.status,
    labels: { ...group.commonLabels, ...alert.labels },
    annotations: { ...group.commonAnnotations, ...alert.annotations },
  };
}

function normalizeBucket(
  group: AlertGroup,
  alerts: readonly FilledAlert[],
  keySuffix: string,
  ctx: ParseContext,
): NormalizedAlert {
  const firing = alerts.filter((a) => a.status === 'firing');
  const shown = firing.length > 0 ? firing : alerts;
  const commonLabels = common(shown.map((a) => a.labels));
  const commonAnnotations = common(shown.map((a) => a.annotations));
  const first = shown[0];
  const texts = [commonAnnotations, commonLabels, first?.annotations, first?.labels];
  const name = commonLabels.alertname ?? Object.values(group.groupLabels).join(' ');

  const summary =
    pick([commonAnnotations], FIELD_NAMES.title) ||
    (shown.length === 1 ? pick([first?.annotations], FIELD_NAMES.title) : '');
  const title =
    (summary && group.titleNamesRule ? withRuleName(name, summary) : summary) ||
    (shown.length > 1 && name ? `${name}: ${shown.length} alerts ${firing.length > 0 ? 'firing' : 'resolved'}` : '') ||
    name ||
    `Alert from ${group.source === 'grafana' ? 'Grafana' : 'Alertmanager'}`;

  const starts = alerts.map((a) => moment(a.startsAt)).filter((t): t is string => t !== null);
  const ends = alerts.map((a) => moment(a.endsAt)).filter((t): t is string => t !== null);
  const status = firing.length > 0 ? 'firing' : 'resolved';

  return {
    source: group.source,
    key: alertKey(group.keyPrefix, `${group.groupKey}${keySuffix}`),
    status,
    title: clip(title, 200),
    description: clip(describe(group, shown, commonLabels, commonAnnotations), 4000),
    service: clip(pick(texts, FIELD_NAMES.service), 200),
    team: clip(pick(texts, FIELD_NAMES.team), 200),
    impact: clip(pick([commonAnnotations, first?.annotations, commonLabels], FIELD_NAMES.impact), 1000),
    cause: clip(pick([commonAnnotations, first?.annotations, commonLabels], FIELD_NAMES.cause), 1000),
    runbookUrl: link(pick([commonAnnotations, first?.annotations, commonLabels], FIELD_NAMES.runbook)),
    url: link(shown.flatMap((a) => [a.generatorURL ?? '', ...(a.links ?? [])]).find((u) => u) ?? group.externalURL),
    severity: mapSeverity(
      ctx.severity,
      group.source,
      shown.map((a) => pick([a.labels, a.annotations], FIELD_NAMES.severity)),
    ),
    startsAt: starts.sort()[0] ?? ctx.receivedAt,
    endsAt: status === 'resolved' ? (ends.sort().at(-1) ?? ctx.receivedAt) : null,
    labels: labelsOf(commonLabels),
  };
}

/** "Rule: summary", unless the summary already says the rule's name. */
function withRuleName(rule: string, summary: string): string {
  const name = rule.trim();
  return name && !summary.toLowerCase().includes(name.toLowerCase()) ? `${name}: ${summary}` : summary;
}

/** The group's own description, then one line per series (what tells them apart), then what was cut. */
function describe(
  group: AlertGroup,
  shown: readonly FilledAlert[],
  commonLabels: Readonly<Record<string, string>>,
  commonAnnotations: Readonly<Record<string, string>>,
): string {
  const parts: string[] = [];
  const own = pick([commonAnnotations], FIELD_NAMES.description);
  if (own) parts.push(own);
  else if (shown.length === 1) parts.push(pick([shown[0]?.annotations], FIELD_NAMES.description));
  if (shown.length > 1) {
    const lines = shown.slice(0, LISTED_SERIES).map((a) => {
      const distinct = Object.entries(a.labels)
        .filter(([k]) => !(k in commonLabels))
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      const text = own ? '' : pick([a.annotations], [...FIELD_NAMES.description, ...FIELD_NAMES.title]);
      return `- ${a.status}${distinct ? ` ${distinct}` : ''}${text ? `: ${text}` : ''}`;
    });
    if (shown.length > LISTED_SERIES) lines.push(`- … and ${shown.length - LISTED_SERIES} more`);
    parts.push(lines.join('\n'));
  }
  if (group.truncatedAlerts > 0) parts.push(`${group.truncatedAlerts} more alerts were left out by the sender.`);
  return parts.filter((p) => p).join('\n\n');
}

/** The entries every record has with the same value. */
function common(records: ReadonlyArray<Readonly<Record<string, string>>>): Record<string, string> {
  const [first, ...rest] = records;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([k, v]) => rest.every((r) => r[k] === v)));
}
