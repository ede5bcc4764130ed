import { z } from 'zod';

export const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3'] as const;
export const severitySchema = z.enum(SEVERITIES);
export type Severity = z.infer<typeof severitySchema>;

/** 1 is the most severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity) + 1;
}

export function isMoreSevere(a: Severity, than: Severity): boolean {
  return severityRank(a) < severityRank(than);
}

/** The most severe of several; undefined for none. */
export function highestSeverity(list: readonly Severity[]): Severity | undefined {
  return SEVERITIES.find((s) => list.includes(s));
}

export interface SeverityGuidance {
  readonly label: string;
  readonly meaning: string;
  readonly paging: string;
}

/** Default wording from our process; organisations may override the words, not the levels. */
export const DEFAULT_SEVERITY_GUIDANCE: Readonly<Record<Severity, SeverityGuidance>> = {
  'SEV-1': {
    label: 'Critical',
    meaning: "Customers can't buy: a core flow is down for many.",
    paging: 'Page anytime.',
  },
  'SEV-2': {
    label: 'Degraded',
    meaning: 'Degraded service: slow, partial or failing for some.',
    paging: 'Page in extended hours, weekends too.',
  },
  'SEV-3': {
    label: 'Early warning',
    meaning: 'Something is off before customers notice.',
    paging: 'Working hours.',
  },
};

export const SEVERITY_ADVICE = 'When in doubt, choose the higher severity.';
