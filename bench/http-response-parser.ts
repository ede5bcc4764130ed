/** One HTTP/1.1 response as the load generator needs it: its status, its ETag and how many body bytes came. */
export interface ParsedResponse {
  readonly status: number;
  readonly etag: string | null;
  readonly bodyBytes: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');
/** A response head larger than this is not what the status page sends: stop rather than buffer without end. */
const MAX_HEAD_BYTES = 64 * 1024;

type Body =
  | { readonly kind: 'length'; left: number }
  | { readonly kind: 'chunked'; left: number; phase: 'size' | 'data' | 'data-crlf' | 'trailer' };

/**
 * An incremental parser of the responses on one keep-alive connection, in order (no pipelining: the caller sends the
 * next request once this has returned the last response). Reads only what it must: the status line, Content-Length,
 * Transfer-Encoding and ETag; bodies are counted and dropped, as a reader that only measures would. `noBody(i)` says
 * whether the i-th response has no body whatever its headers say (the answer to a HEAD). Throws on what is not HTTP.
 */
export class ResponseParser {
  private buffer: Buffer = Buffer.alloc(0);
  private head: { status: number; etag: string | null } | null = null;
  private body: Body | null = null;
  private bodyBytes = 0;

  /** Feeds bytes; returns the responses they completed (usually none or one). */
  push(chunk: Buffer, noBody = false): ParsedResponse[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const done: ParsedResponse[] = [];
    for (;;) {
      if (!this.head) {
        const end = this.buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (this.buffer.length > MAX_HEAD_BYTES) throw new Error('an HTTP response head over 64 KB');
          break;
        }
        const parsed = parseHead(this.buffer.subarray(0, end).toString('latin1'));
        this.buffer = this.buffer.subarray(end + HEADER_END.length);
        this.head = { status: parsed.status, etag: parsed.etag };
        this.bodyBytes = 0;
        const bodiless = noBody || parsed.status === 304 || parsed.status === 204 || parsed.status < 200;
        this.body = bodiless
          ? { kind: 'length', left: 0 }
          : parsed.chunked
            ? { kind: 'chunked', left: 0, phase: 'size' }
            : { kind: 'length', left: parsed.length ?? 0 };
      }
      if (!this.readBody()) break;
      done.push({ ...this.head, bodyBytes: this.bodyBytes });
      this.head = null;
      this.body = null;
    }
    return done;
  }

  /** Consumes body bytes from the buffer; true once the body is complete. */
  private readBody(): boolean {
    const body = this.body;
    if (!body) return false;
    if (body.kind === 'length') {
      const take = Math.min(body.left, this.buffer.length);
      this.skip(take, true);
      body.left -= take;
      return body.left === 0;
    }
    for (;;) {
      if (body.phase === 'size' || body.phase === 'trailer') {
        const end = this.buffer.indexOf(CRLF);
        if (end < 0) return false;
        const line = this.buffer.subarray(0, end).toString('latin1');
        this.skip(end + CRLF.length, false);
        if (body.phase === 'trailer') {
          if (line === '') return true;
          continue;
        }
        const size = Number.parseInt(line.split(';')[0] ?? '', 16);
        if (!Number.isFinite(size) || size < 0) throw new Error(`a bad chunk size "${line}"`);
        body.left = size;
        body.phase = size === 0 ? 'trailer' : 'data';
        continue;
      }
      if (body.phase === 'data') {
        const take = Math.min(body.left, this.buffer.length);
        this.skip(take, true);
        body.left -= take;
        if (body.left > 0) return false;
        body.phase = 'data-crlf';
      }
      if (this.buffer.length < CRLF.length) return false;
      this.skip(CRLF.length, false);
      body.phase = 'size';
    }
  }

  private skip(bytes: number, counted: boolean): void {
    if (counted) this.bodyBytes += bytes;
    this.buffer = this.buffer.subarray(bytes);
  }
}

function parseHead(text: string): { status: number; etag: string | null; length: number | null; chunked: boolean } {
  const lines = text.split('\r\n');
  const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
  if (!statusLine) throw new Error(`not an HTTP/1.x status line: "${(lines[0] ?? '').slice(0, 80)}"`);
  let etag: string | null = null;
  let length: number | null = null;
  let chunked = false;
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'etag') etag = value;
    else if (name === 'content-length') length = Number(value);
    else if (name === 'transfer-encoding') chunked = value.toLowerCase().includes('chunked');
  }
  if (length !== null && !(Number.isSafeInteger(length) && length >= 0))
    throw new Error(`a bad Content-Length in "${text.slice(0, 200)}"`);
  return { status: Number(statusLine[1]), etag, length, chunked };
}
