import type { IncomingMessage } from 'node:http';

export type BodyResult =
  { readonly ok: true; readonly body: Buffer } | { readonly ok: false; readonly reason: 'too_large' };

/** Past this, an oversized body is not even read to its end: the answer goes out and the connection closes. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/**
 * Reads a request body of at most `limit` bytes. A larger one is read to its end without being kept (so the sender,
 * still writing, then reads our 413 instead of a reset connection) and answered too_large; one over 16 MiB, declared
 * or streamed, is answered at once.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > DRAIN_LIMIT) return Promise.resolve({ ok: false, reason: 'too_large' });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (result: BodyResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT) stop({ ok: false, reason: 'too_large' });
      else if (size <= limit) chunks.push(chunk);
    };
    const onEnd = () =>
      stop(size > limit ? { ok: false, reason: 'too_large' } : { ok: true, body: Buffer.concat(chunks, size) });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
    // A sender that hangs up mid-body: 'close' without the body complete (after 'end' this changes nothing).
    req.once('close', () => {
      if (!req.complete) reject(new Error('the sender closed the connection before the body ended'));
    });
  });
}
