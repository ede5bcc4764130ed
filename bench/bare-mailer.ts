/**
 * The alert-to-e-mail baseline's server: a bare HTTP server with nothing of Warroom in it, run as its own process
 * like the hub. It does the least the job needs: take the Alertmanager POST, answer 202, and send one mail about it
 * with nodemailer to the runner's SMTP receiver, set up as the hub's e-mail sender is (a transporter without a pool,
 * so a connection per message, no TLS on 127.0.0.1). The alert's summary goes in X-Warroom-Page-Id, which is how the
 * runner pairs the mail with its POST. Usage: `node bare-mailer.js <smtp port>`; prints `bare mailer on http://…`
 * on stderr once listening.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTransport } from 'nodemailer';

const smtpPort = Number(process.argv[2]);
if (!Number.isInteger(smtpPort) || smtpPort < 1 || smtpPort > 65535) {
  process.stderr.write(`bare-mailer: the SMTP port must be a number from 1 to 65535, got "${process.argv[2]}"\n`);
  process.exit(2);
}

const TO = 'on-call@example.com';
const transporter = createTransport({ host: '127.0.0.1', port: smtpPort, secure: false });

interface AlertBody {
  readonly commonAnnotations?: { readonly summary?: unknown };
  readonly commonLabels?: { readonly service?: unknown };
}

const http = createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/mail') {
    res.writeHead(404).end();
    return;
  }
  readJson(req).then(
    (body) => {
      const summary = typeof body.commonAnnotations?.summary === 'string' ? body.commonAnnotations.summary : '';
      const service = typeof body.commonLabels?.service === 'string' ? body.commonLabels.service : '';
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"accepted":1}');
      const subject = `[SEV-1] ${summary}`;
      transporter
        .sendMail({
          from: 'Warroom bench <pager@example.com>',
          to: TO,
          subject,
          text: `${subject}\n\nYou are on call.\nSEV-1, firing, service ${service}.`,
          html: `<!doctype html><html><body><h2>${subject}</h2><p>You are on call.</p></body></html>`,
          headers: { 'X-Warroom-Page-Id': summary },
        })
        .catch((error: unknown) => process.stderr.write(`bare-mailer: send failed: ${String(error)}\n`));
    },
    () => res.writeHead(400).end(),
  );
});

function readJson(req: IncomingMessage): Promise<AlertBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as AlertBody);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    req.on('error', reject);
  });
}

http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.stderr.write(`bare mailer on http://127.0.0.1:${port}\n`);
});

process.once('SIGTERM', () => {
  transporter.close();
  http.close(() => process.exit(0));
});
