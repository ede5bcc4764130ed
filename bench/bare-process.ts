import { fileURLToPath } from 'node:url';
import { startServerProcess, type ServerProcess } from './server-process.js';

const SCRIPT = fileURLToPath(new URL('./bare-server.js', import.meta.url));
const MAILER = fileURLToPath(new URL('./bare-mailer.js', import.meta.url));

/** The bare socket.io server (bare-server.ts) as its own process, the way the hub under test runs. */
export function startBareServer(nodeArgs: readonly string[] = []): Promise<ServerProcess> {
  return startServerProcess(SCRIPT, [], 'bare socket.io on', { nodeArgs });
}

/** The bare mailer (bare-mailer.ts) as its own process, sending to the runner's SMTP receiver on `smtpPort`. */
export function startBareMailer(smtpPort: number, nodeArgs: readonly string[] = []): Promise<ServerProcess> {
  return startServerProcess(MAILER, [String(smtpPort)], 'bare mailer on', { nodeArgs });
}
