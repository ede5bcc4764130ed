import type { StatusPageView } from '../../../shared/protocol/status-page-wire.js';
import { DateTime } from '../common/bits.js';

type LastSend = StatusPageView['channels'][number]['last'];

/** What the last message through a channel or to a subscriber did, in words. */
export function LastSendNote({ last }: { last: LastSend }) {
  if (!last) return <span className="muted">Nothing sent yet.</span>;
  return (
    <span className={last.result === 'sent' ? 'muted' : 'warning'}>
      Last message <DateTime at={last.at} />: {last.result}
      {last.detail ? ` (${last.detail})` : ''}
    </span>
  );
}
