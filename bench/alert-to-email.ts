import { contactChangeReplySchema, type ContactChange } from '../shared/protocol/contact-wire.js';
import type { PageNotification } from '../shared/protocol/oncall-wire.js';
import { Arrivals, PAUSE_MS, pageUsers, routeToPerson, SERVICE, timedFetch } from './alert-to-page.js';
import { alertmanagerNotification } from './alertmanager-body.js';
import { startBareMailer } from './bare-process.js';
import { connectHubClient, type HubClient } from './bench-client.js';
import type { BenchOutcome } from './bench-result.js';
import { withCleanup } from './cleanup.js';
import { nowMs, sleep } from './clock.js';
import { samplesFor, type BenchContext } from './context.js';
import { sampleLoop, type Deadline } from './deadline.js';
import { latencyFigures } from './figures.js';
import { ClientFleet } from './fleet.js';
import { startBenchHub } from './hub-under-test.js';
import { verificationCodeIn } from './mail-headers.js';
import { startSmtpReceiver, type ReceivedAt, type SmtpReceiver } from './smtp-receiver.js';
import { summarize, warmUpCount, type LatencySummary } from './stats.js';

/** The on-call person's e-mail address (the receiver takes any). */
const ADDRESS = 'on-call@example.com';
const FROM = 'Warroom bench <pager@example.com>';

export interface MailSample {
  /** POST sent → the mail's DATA complete at the runner's SMTP server. */
  readonly mail: number;
  /** POST sent → the sender's SMTP connection accepted by that server. */
  readonly connected: number;
  /** The server's greeting held back (smtp-server's 100 ms), then the SMTP conversation to the end of DATA. */
  readonly greetingWait: number;
  readonly conversation: number;
  /** POST sent → the `page` push on the person's socket (hub only; the baseline has no socket). */
  readonly page: number | null;
  /** POST sent → its HTTP answer. */
  readonly answered: number;
}

/**
 * 8. Alert to e-mail, shown beside alert-to-page: an Alertmanager webhook POST until the SMTP server in the runner
 * has the page's mail (its DATA ended), for the on-call person with one verified e-mail method (default rules: every
 * verified method at once), with `clients` other clients connected. Baseline: a bare process taking the same POST
 * and sending one mail with nodemailer to the same SMTP server.
 */
export async function runAlertToEmail(context: BenchContext): Promise<BenchOutcome> {
  const { options, log } = context;
  const samples = samplesFor(context, 200, 50);
  const warmUp = warmUpCount(samples);
  const runId = Date.now().toString(36);
  return withCleanup(async (cleanup) => {
    const smtp = await startSmtpReceiver();
    cleanup.add(() => smtp.close());

    log('alert-to-email: baseline, a bare process sending one mail with nodemailer per POST');
    const bare = await measureBareMailer(context, smtp, samples + warmUp, runId);
    log(`alert-to-email: hub with ${options.clients} other clients, e-mail through the runner's SMTP server`);
    const fleet = ClientFleet.start(options.workers);
    cleanup.add(() => fleet.close());
    const hub = await measureHubMail(context, fleet, smtp, samples + warmUp, runId);

    const taken = hub.slice(warmUp);
    const hubMails = summarize(taken.map((s) => s.mail));
    const hubPages = summarize(taken.map((s) => s.page ?? 0));
    const hubAnswers = summarize(taken.map((s) => s.answered));
    const afterPage = summarize(taken.map((s) => s.mail - (s.page ?? 0)));
    const bareTaken = bare.slice(warmUp);
    const bareMails = summarize(bareTaken.map((s) => s.mail));
    const bareAnswers = summarize(bareTaken.map((s) => s.answered));
    return {
      id: 'alert-to-email',
      title: '8. Alert to e-mail',
      settings: { clients: options.clients, samples, warmUp, workers: options.workers },
      figures: latencyFigures(
        'alert-to-email',
        hubMails,
        bareMails,
        'a bare process sending one mail per POST with nodemailer (no pool) to the same SMTP server',
        { text: '< 1,000 ms', met: (p99) => p99 < 1000 },
      ),
      notes: [
        `hub (p50 / p99): the webhook's 202 after ${ms(hubAnswers, 'p50')} / ${ms(hubAnswers, 'p99')}, the page push after ${ms(hubPages, 'p50')} / ${ms(hubPages, 'p99')}, the hub's SMTP connection accepted after ${parts(taken, (s) => s.connected)}, the mail complete after ${ms(hubMails, 'p50')} / ${ms(hubMails, 'p99')} (mail minus page, per sample: ${ms(afterPage, 'p50')} / ${ms(afterPage, 'p99')})`,
        `bare (p50 / p99): 202 after ${ms(bareAnswers, 'p50')} / ${ms(bareAnswers, 'p99')}, its SMTP connection accepted after ${parts(bareTaken, (s) => s.connected)}`,
        `both include the SMTP server's greeting delay (smtp-server holds every greeting 100 ms to catch early talkers; hub ${parts(taken, (s) => s.greetingWait)}, bare ${parts(bareTaken, (s) => s.greetingWait)}) and the conversation after it (hub ${parts(taken, (s) => s.conversation)}, bare ${parts(bareTaken, (s) => s.conversation)}); the hub's own part is the time until its connection is accepted`,
        `path in the hub after the page's commit: the outbox enqueues one row per verified method (a write), claims what is due (a write), issues the acknowledge link (a write), then nodemailer opens a connection (one per message, no pool) and sends; the sample ends when the SMTP server has the message's last byte (before it answers 250)`,
        `each sample is a new SEV-1 incident paging the one-person rotation for "${SERVICE}"; it is acknowledged once its delivery is recorded (page.delivery reached the person), so no delivery or escalation lands in a later sample; the e-mail method was added and verified through contact.change with the code from its verification mail`,
      ],
    };
  });
}

function mailTimes(
  mail: ReceivedAt,
  start: number,
): Pick<MailSample, 'mail' | 'connected' | 'greetingWait' | 'conversation'> {
  return {
    mail: mail.at - start,
    connected: mail.connectedAt - start,
    greetingWait: mail.greetedAt - mail.connectedAt,
    conversation: mail.at - mail.greetedAt,
  };
}

/** p50 / p99 of one part of the samples, for the notes. */
function parts(samples: readonly MailSample[], pick: (s: MailSample) => number): string {
  const summary = summarize(samples.map(pick));
  return `${ms(summary, 'p50')} / ${ms(summary, 'p99')}`;
}

function ms(summary: LatencySummary, key: 'p50' | 'p99'): string {
  return `${summary[key].toFixed(2)} ms`;
}

async function measureHubMail(
  context: BenchContext,
  fleet: ClientFleet,
  smtp: SmtpReceiver,
  count: number,
  runId: string,
): Promise<MailSample[]> {
  const { deadline, options } = context;
  const users = pageUsers(options.clients);
  return withCleanup(async (cleanup) => {
    const hub = await startBenchHub(users, context.hubNodeArgs, undefined, {
      WARROOM_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      WARROOM_SMTP_FROM: FROM,
    });
    cleanup.add(() => hub.dispose());
    cleanup.add(() => fleet.disconnect());
    await fleet.connectAll(
      users.slice(2).map((u) => ({ url: hub.url, token: hub.token(u.name) })),
      deadline,
    );
    const admin = await connectHubClient(hub.url, hub.token('bench-admin'));
    cleanup.add(() => admin.close());
    const person = await connectHubClient(hub.url, hub.token('on-call'));
    cleanup.add(() => person.close());
    await routeToPerson(admin, person);
    await addVerifiedEmail(person, smtp, deadline);

    const pages = new Arrivals<PageNotification>();
    person.socket.on('page', (page) => pages.arrived(page.incident?.title ?? '', page));
    const deliveries = new Arrivals<{ result: string; detail: string }>();
    person.socket.on('events', (events) => {
      for (const e of events)
        if (e.type === 'page.delivery')
          deliveries.arrived(e.payload.pageId, { result: e.payload.result, detail: e.payload.detail });
    });
    const url = `${hub.url}/api/webhooks/alertmanager`;
    const headers = { authorization: `Bearer ${hub.alertmanagerToken}`, 'content-type': 'application/json' };
    return await sampleLoop(deadline, count, async (i) => {
      const title = `Bench alert ${runId}-${i}`;
      const body = alertmanagerNotification(title, SERVICE);
      const page = pages.waitFor(title);
      const start = nowMs();
      const response = timedFetch(url, { method: 'POST', headers, body });
      const paged = await deadline.bound(page, 10_000, `page for "${title}"`);
      const pageId = paged.value.pageId;
      const recorded = deliveries.waitFor(pageId);
      const mail = await deadline.bound(smtp.byPageId(pageId), 10_000, `mail for "${title}"`);
      const answer = await deadline.bound(response, 10_000, 'webhook answer');
      if (answer.status !== 202) throw new Error(`webhook answered ${answer.status}: ${answer.text}`);
      // The delivery's record (a commit broadcast to every client) is part of this sample's work, not the next's.
      const delivery = await deadline.bound(recorded, 10_000, `delivery record of "${title}"`);
      if (delivery.value.result !== 'sent')
        throw new Error(`the page's mail was recorded ${delivery.value.result}: ${delivery.value.detail}`);
      if (paged.value.incident)
        await person.accepted({ type: 'incident.acknowledge', incidentId: paged.value.incident.id, payload: {} });
      await sleep(PAUSE_MS);
      return { ...mailTimes(mail, start), page: paged.at - start, answered: answer.at - start };
    });
  });
}

/** As a person would on their Profile: add the address, read the code from the mail it got, verify. */
async function addVerifiedEmail(person: HubClient, smtp: SmtpReceiver, deadline: Deadline): Promise<void> {
  const change = async (c: ContactChange) =>
    contactChangeReplySchema.parse(await person.socket.timeout(30_000).emitWithAck('contact.change', c));
  const code = smtp.nextPlainTo(ADDRESS);
  const added = await change({ kind: 'method.add', label: 'Work mail', target: { kind: 'email', address: ADDRESS } });
  if (!added.ok || !added.methodId)
    throw new Error(`method.add refused: ${added.ok ? 'no method id' : added.error.message}`);
  if (!added.sent?.ok) throw new Error(`the verification mail did not go out: ${added.sent?.detail ?? 'not sent'}`);
  const mail = await deadline.bound(code, 10_000, 'verification mail');
  const verified = await change({
    kind: 'method.verify',
    methodId: added.methodId,
    code: verificationCodeIn(mail.subject),
  });
  if (!verified.ok) throw new Error(`method.verify refused: ${verified.error.message}`);
}

async function measureBareMailer(
  context: BenchContext,
  smtp: SmtpReceiver,
  count: number,
  runId: string,
): Promise<MailSample[]> {
  const { deadline } = context;
  return withCleanup(async (cleanup) => {
    const bare = await startBareMailer(smtp.port);
    cleanup.add(() => bare.stop());
    const url = `${bare.url}/mail`;
    return await sampleLoop(deadline, count, async (i) => {
      const title = `Bench alert ${runId}-${i}`;
      const body = alertmanagerNotification(title, SERVICE);
      const mail = smtp.byPageId(title);
      const start = nowMs();
      const response = timedFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const received = await deadline.bound(mail, 10_000, `bare mail for "${title}"`);
      const answer = await deadline.bound(response, 10_000, 'bare mailer answer');
      if (answer.status !== 202) throw new Error(`bare mailer answered ${answer.status}`);
      await sleep(PAUSE_MS);
      return { ...mailTimes(received, start), page: null, answered: answer.at - start };
    });
  });
}
