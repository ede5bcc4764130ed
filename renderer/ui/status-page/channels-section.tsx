import { useState } from 'react';
import { SEVERITIES, type Severity } from '../../../shared/domain/severity.js';
import type { AnnounceChannelView, StatusPageView } from '../../../shared/protocol/status-page-wire.js';
import {
  ANNOUNCE_EVENT_WORDS,
  ANNOUNCE_EVENTS,
  ANNOUNCE_KIND_NAMES,
  ANNOUNCE_KINDS,
  type AnnounceEvent,
  type AnnounceKind,
  type AnnounceChannelInput,
} from '../../../shared/status-page/announcements.js';
import { FormError } from '../common/bits.js';
import { CheckGroup } from '../common/check-group.js';
import { SubmitForm } from '../common/submit-form.js';
import { LastSendNote } from './last-send.js';
import { useStatusPageChange } from './use-status-page-change.js';

const HINTS: Readonly<Record<AnnounceKind, string>> = {
  slack: 'An incoming webhook URL (https://hooks.slack.com/services/…). Messages are not threaded.',
  'slack-app':
    'A bot token (xoxb-…) with chat:write, and the channel (C0123ABC or #incidents): updates thread under the first message.',
  mattermost: 'An incoming webhook URL from Integrations → Incoming Webhooks.',
  teams: 'A Workflows webhook ("Post to a channel when a webhook request is received").',
};

/** The channel's target from the fields of its kind. */
function targetOf(kind: AnnounceKind, url: string, token: string, channel: string): AnnounceChannelInput['target'] {
  if (kind === 'slack-app') return { kind, token: token.trim(), channel: channel.trim() };
  return { kind, url: url.trim() };
}

/**
 * The team's chat channels that hear about incidents: each with its kind and fields, the severities and kinds of
 * news it hears, a "Send test message" that shows what the channel answered, and the last result.
 */
export function ChannelsSection({ view }: { view: StatusPageView }) {
  return (
    <section className="panel statuspage__channels" aria-labelledby="sp-channels-title">
      <h3 id="sp-channels-title">Announcement channels</h3>
      {view.channels.length === 0 ? (
        <p className="muted">No channel announces incidents yet.</p>
      ) : (
        <ul className="statuspage__list" aria-label="Announcement channels">
          {view.channels.map((c) => (
            <ChannelItem key={c.id} channel={c} />
          ))}
        </ul>
      )}
      <AddChannelForm />
    </section>
  );
}

function ChannelItem({ channel }: { channel: AnnounceChannelView }) {
  const { send, busy, error } = useStatusPageChange();
  const [answer, setAnswer] = useState<{ ok: boolean; detail: string } | null>(null);
  const test = async () => {
    setAnswer(null);
    const result = await send({ kind: 'channel.test', id: channel.id });
    if (result) setAnswer(result.sent);
  };
  return (
    <li className="statuspage__channel" aria-label={`Channel ${channel.name}`}>
      <p>
        <strong>{channel.name}</strong> · {ANNOUNCE_KIND_NAMES[channel.kind]} · {channel.target}
      </p>
      <p className="small muted">
        {channel.severities.join(', ')}: {channel.events.map((e) => ANNOUNCE_EVENT_WORDS[e]).join(', ')}
      </p>
      <p className="small">
        <LastSendNote last={channel.last} />
      </p>
      <div className="form__actions">
        <button type="button" className="button" disabled={busy} onClick={() => void test()}>
          Send test message
        </button>
        <button
          type="button"
          className="button button--quiet"
          disabled={busy}
          onClick={() => void send({ kind: 'channel.remove', id: channel.id })}
        >
          Remove channel {channel.name}
        </button>
      </div>
      {answer && (
        <p role="status" className={answer.ok ? 'muted' : 'error'}>
          {answer.ok ? 'The channel took it' : 'The channel refused it'}: {answer.detail}
        </p>
      )}
      <FormError message={error} />
    </li>
  );
}

function AddChannelForm() {
  const { send, busy, error } = useStatusPageChange();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<AnnounceKind>('slack');
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [channel, setChannel] = useState('');
  const [severities, setSeverities] = useState<readonly Severity[]>(['SEV-1', 'SEV-2']);
  const [events, setEvents] = useState<readonly AnnounceEvent[]>(ANNOUNCE_EVENTS);
  const add = async () => {
    const result = await send({
      kind: 'channel.add',
      channel: { name, severities: [...severities], events: [...events], target: targetOf(kind, url, token, channel) },
    });
    if (!result) return; // what was typed stays
    setName('');
    setUrl('');
    setToken('');
    setChannel('');
  };
  return (
    <SubmitForm label="Add an announcement channel" onSubmit={add}>
      <div className="form__row">
        <label className="field">
          <span>Name</span>
          <input value={name} maxLength={80} onChange={(e) => setName(e.target.value)} placeholder="#incidents" />
        </label>
        <label className="field">
          <span>Kind</span>
          <select value={kind} onChange={(e) => setKind(ANNOUNCE_KINDS.find((k) => k === e.target.value) ?? 'slack')}>
            {ANNOUNCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {ANNOUNCE_KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">{HINTS[kind]}</p>
      {kind === 'slack-app' ? (
        <div className="form__row">
          <label className="field">
            <span>Bot token</span>
            <input type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
          </label>
          <label className="field">
            <span>Slack channel</span>
            <input value={channel} onChange={(e) => setChannel(e.target.value)} />
          </label>
        </div>
      ) : (
        <label className="field">
          <span>Webhook URL</span>
          <input type="url" value={url} maxLength={2000} onChange={(e) => setUrl(e.target.value)} />
        </label>
      )}
      <CheckGroup
        className="statuspage__checks"
        legend="Severities"
        options={SEVERITIES}
        label={(s) => s}
        selected={severities}
        onChange={setSeverities}
      />
      <CheckGroup
        className="statuspage__checks"
        legend="Announce"
        options={ANNOUNCE_EVENTS}
        label={(ev) => ANNOUNCE_EVENT_WORDS[ev]}
        selected={events}
        onChange={setEvents}
      />
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          Add channel
        </button>
      </div>
      <FormError message={error} />
    </SubmitForm>
  );
}
