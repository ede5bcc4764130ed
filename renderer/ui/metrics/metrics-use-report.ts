import { useEffect, useState } from 'react';
import type { MetricsReport } from '../../../shared/metrics/report.js';
import { useActions } from '../../store/store-context.js';

export interface MetricsLoad {
  /** The last report that arrived (kept while another loads, or when one fails: it names its own period). */
  readonly report: MetricsReport | null;
  readonly loading: boolean;
  /** Why the last request failed, for a person (the hosts reject with such a message). */
  readonly error: string | null;
}

interface Answer {
  readonly key: string;
  readonly error: string | null;
}

/**
 * Asks the hub (through the host) for the metrics of `[from, to)`, again whenever the period or `attempt` changes.
 * Nothing is asked while `query` is null (a period that does not check out). An answer to an older request is
 * dropped.
 */
export function useMetricsReport(query: { from: string; to: string } | null, attempt: number): MetricsLoad {
  const { getMetrics } = useActions();
  const [report, setReport] = useState<MetricsReport | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const from = query?.from ?? null;
  const to = query?.to ?? null;
  const key = from !== null && to !== null ? `${from}/${to}/${attempt}` : null;

  useEffect(() => {
    if (from === null || to === null) return;
    const asked = `${from}/${to}/${attempt}`;
    let current = true;
    getMetrics({ from, to }).then(
      (reply) => {
        if (!current) return;
        setReport(reply);
        setAnswer({ key: asked, error: null });
      },
      (error: unknown) => {
        if (current) setAnswer({ key: asked, error: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [getMetrics, from, to, attempt]);

  const answered = key !== null && answer?.key === key;
  return { report, loading: key !== null && !answered, error: answered ? answer.error : null };
}
