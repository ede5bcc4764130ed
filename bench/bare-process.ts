import { fileURLToPath } from 'node:url';
import { startServerProcess, type ServerProcess } from './server-process.js';

const SCRIPT = fileURLToPath(new URL('./bare-server.js', import.meta.url));

/** The bare socket.io server (bare-server.ts) as its own process, the way the hub under test runs. */
export function startBareServer(nodeArgs: readonly string[] = []): Promise<ServerProcess> {
  return startServerProcess(SCRIPT, [], 'bare socket.io on', { nodeArgs });
}
