/**
 * Preloaded (`node --expose-gc --import …/gc-on-signal.js`, see GC_ON_SIGNAL) into the processes whose memory the
 * memory benchmark reads: on SIGUSR2 it runs a full garbage collection and writes process.memoryUsage() on stderr,
 * so memory is read without the garbage that happens to be waiting. Nothing else about the process changes; the hub
 * never imports this file.
 */
import { MEMORY_REPORT_PREFIX } from './memory-report.js';

const collect = (globalThis as { gc?: () => void }).gc;
process.on('SIGUSR2', () => {
  collect?.();
  process.stderr.write(`${MEMORY_REPORT_PREFIX}${JSON.stringify(process.memoryUsage())}\n`);
});
