import type { FileSaveResult, PrintPdfRequest, SaveFileRequest } from '../../shared/ipc/files.js';
import type { MetricsQuery, MetricsReport } from '../../shared/metrics/report.js';
import type { ActionDeps } from './action-deps.js';

/** An http(s) URL: the only links handed to the system browser. */
export function isWebLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * What the host does outside the store: metrics reports, saving and printing files, opening links. Components reach
 * the host only through actions, never the bridge.
 */
export function createHostFileActions({ getHost }: Pick<ActionDeps, 'getHost'>) {
  const api = () => getHost().api;
  return {
    /** The hub's metrics for a period; rejects with a message for a person (offline, refused). */
    getMetrics: (query: MetricsQuery): Promise<MetricsReport> => api().getMetrics(query),
    saveFile: (file: SaveFileRequest): Promise<FileSaveResult> => api().saveFile(file),
    printPdf: (request: PrintPdfRequest): Promise<FileSaveResult> => api().printPdf(request),

    /** Opens a link (a runbook) in the system browser; only http(s) links, anything else is ignored. */
    async openExternal(url: string): Promise<boolean> {
      if (!isWebLink(url)) return false;
      try {
        await api().openExternal(url);
        return true;
      } catch {
        return false;
      }
    },
  };
}
