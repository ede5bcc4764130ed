/** What gc-on-signal.ts writes on stderr after a full garbage collection: process.memoryUsage(), in bytes. */
export interface MemoryReport {
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  readonly arrayBuffers: number;
}

/** The line is this prefix, then the report as JSON. */
export const MEMORY_REPORT_PREFIX = 'bench-memory ';

export function parseMemoryReport(line: string): MemoryReport | null {
  if (!line.startsWith(MEMORY_REPORT_PREFIX)) return null;
  return JSON.parse(line.slice(MEMORY_REPORT_PREFIX.length)) as MemoryReport;
}
