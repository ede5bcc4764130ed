import { request } from 'node:http';

/** One response as the hub sent it: status, the headers worth repeating, and the body as it came on the wire. */
export interface CapturedResponse {
  readonly status: number;
  /** Name → value, without those the serving Node adds itself (Date, Connection, Keep-Alive, Transfer-Encoding). */
  readonly headers: Record<string, string>;
  /** Base64 of the body bytes, unchanged (no decompression). */
  readonly body: string;
}

/** What the bare server serves: the hub's 200 and, asked again with its ETag, the hub's 304. */
export interface CapturedPage {
  readonly etag: string | null;
  readonly full: CapturedResponse;
  readonly notModified: CapturedResponse | null;
}

/** Headers Node's http server writes itself for every response: copying them would send them twice. */
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/** One GET with `headers`; resolves with the response as it came (the body is not decoded). */
export function capture(url: string, headers: Readonly<Record<string, string>>): Promise<CapturedResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const kept: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value === undefined || OWN_HEADERS.has(name)) continue;
          kept[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        const body = Buffer.concat(chunks);
        // A chunked answer is served with its length by the baseline: the same bytes, framed the usual way.
        if (res.headers['transfer-encoding'] && res.statusCode !== 304) kept['content-length'] = String(body.length);
        resolve({ status: res.statusCode ?? 0, headers: kept, body: body.toString('base64') });
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${url}: no answer in 30 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** The page at `url` as a reader asking with `headers` gets it, and its 304 when asked again with the ETag. */
export async function capturePage(url: string, headers: Readonly<Record<string, string>>): Promise<CapturedPage> {
  const full = await capture(url, headers);
  if (full.status !== 200) throw new Error(`GET ${url} answered ${full.status}, not 200`);
  const etag = full.headers.etag ?? null;
  const notModified = etag === null ? null : await capture(url, { ...headers, 'if-none-match': etag });
  if (notModified && notModified.status !== 304)
    throw new Error(`GET ${url} with If-None-Match ${etag} answered ${notModified.status}, not 304`);
  return { etag, full, notModified };
}

/** Checks what the bare server read from its file (written by the runner, so a mismatch is a bug, said plainly). */
export function parseCapturedPage(raw: unknown): CapturedPage {
  const page = raw as Partial<CapturedPage> | null;
  if (!page || typeof page !== 'object' || !page.full || typeof page.full.body !== 'string')
    throw new Error('the captured page file holds no full response');
  return { etag: page.etag ?? null, full: page.full, notModified: page.notModified ?? null };
}
