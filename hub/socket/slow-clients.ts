import type { Logger } from '../log.js';
import { dropConnection, queuedBytes } from './send-buffer.js';
import type { HubServer, HubSocket } from './types.js';

/** How long a drop is remembered for the token's next connection, to tell the person why it happened. */
const NOTICE_KEPT_MS = 10 * 60 * 1000;

export interface SlowClientNotice {
  readonly code: 'too_slow';
  readonly message: string;
}

/**
 * Bounds what the hub holds for clients that do not read (a frozen laptop, a stalled proxy): after each broadcast,
 * a connection with more than `maxBytes` waiting is dropped. It loses nothing: its client reconnects and catches up
 * from the log by `sync { since }`, and its next welcome says why it was dropped.
 */
export class SlowClientGuard {
  private readonly notices = new Map<string, { notice: SlowClientNotice; at: number }>();

  constructor(
    private readonly io: HubServer,
    private readonly maxBytes: number,
    private readonly logger: Logger,
    private readonly now: () => number,
  ) {}

  /**
   * Bytes of answers a socket asked for (a `sync` snapshot can be larger than the limit) still allowed on top of the
   * limit: a client on a slow link must get the snapshot it asked for without being dropped for it, over and over.
   * Forgotten once the socket's queue is back under the limit.
   */
  private readonly replies = new WeakMap<HubSocket, number>();

  /** Sends an answer this socket asked for, and allows its size on top of the limit until it has drained. */
  reply(socket: HubSocket, send: () => void): void {
    const before = queuedBytes(socket);
    send();
    const added = queuedBytes(socket) - before;
    if (added > 0) this.replies.set(socket, (this.replies.get(socket) ?? 0) + added);
  }

  /** Called after every broadcast: what one socket holds grows only by what is sent to it. */
  check(): void {
    for (const socket of this.io.of('/').sockets.values()) {
      const queued = queuedBytes(socket);
      if (queued <= this.maxBytes) {
        this.replies.delete(socket);
        continue;
      }
      if (queued <= this.maxBytes + (this.replies.get(socket) ?? 0)) continue;
      const { user, tokenId } = socket.data.session;
      this.logger.warn(
        { user: user.id, token: tokenId, socket: socket.id, queuedBytes: queued, limit: this.maxBytes },
        'connection dropped: it does not read fast enough',
      );
      this.notices.set(tokenId, {
        at: this.now(),
        notice: {
          code: 'too_slow',
          message: `The hub dropped this app's previous connection: it had fallen ${mib(queued)} behind (the limit is ${mib(this.maxBytes)}). Everything it missed was sent again.`,
        },
      });
      dropConnection(socket);
    }
  }

  /** The reason this token's last connection was dropped, once, if it was recently. */
  takeNotice(tokenId: string): SlowClientNotice | undefined {
    const kept = this.notices.get(tokenId);
    this.notices.delete(tokenId);
    return kept && this.now() - kept.at < NOTICE_KEPT_MS ? kept.notice : undefined;
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
