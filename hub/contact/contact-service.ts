import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { isoNow, type Clock } from '../../shared/clock.js';
import {
  CONTACT_KIND_NAMES,
  contactTargetSchema,
  maskTarget,
  type ContactMethodView,
  type ContactTarget,
} from '../../shared/contact/contact-method.js';
import { effectiveRules, type NotificationRule } from '../../shared/contact/notification-rules.js';
import { testMessage, verificationMessage } from '../../shared/contact/page-message.js';
import { commandError, type CommandError, type ErrorCode } from '../../shared/domain/errors.js';
import type { ContactChannels, ContactSendResult, ContactView } from '../../shared/protocol/contact-wire.js';
import { TokenBucket, type CommandRate } from '../../shared/protocol/rate-limit.js';
import type { ContactStore, LastDelivery, StoredContactMethod } from './contact-store.js';
import type { SendThrough } from './senders/sender.js';

/** Methods one person may have: enough for every channel twice, few enough that a page cannot fan out into a flood. */
export const MAX_METHODS_PER_PERSON = 10;
/** A verification code works this long, and for this many wrong tries. */
export const CODE_TTL_MS = 60 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;

/**
 * Messages a person may have the hub send on their own say (verification codes, test pages): a burst of 10, then one
 * every 6 minutes. Enough to set up every channel; too few to turn the hub into a way of flooding someone else's
 * inbox or webhook with codes. Counted per node, like the command rate (docs/deploy.md).
 */
export const DEFAULT_MESSAGE_RATE: CommandRate = { burst: 10, perSecond: 10 / 3600 };

export interface ContactServiceDeps {
  readonly store: ContactStore;
  /** DEFAULT_MESSAGE_RATE unless told (tests that send many). */
  readonly messageRate?: CommandRate | undefined;
  /** Seals a target's JSON (beside: the sealed targets stored already, so one key seals them all). */
  seal(plain: string, beside: readonly string[]): string;
  open(sealed: string): string;
  readonly sendThrough: SendThrough;
  readonly channels: ContactChannels;
  readonly clock: Clock;
  readonly logger: Logger;
}

export type Refusal = { readonly ok: false; readonly error: CommandError };
const refuse = (code: ErrorCode, message: string): Refusal => ({ ok: false, error: commandError(code, message) });

/**
 * A person's contact methods and notification rules: adding a method sends it a verification code, and only a
 * verified method is used for pages; "send me a test page" goes through every verified method and says what each
 * answered. Targets are sealed before they reach the store and opened only to send; what is shown is masked.
 */
export class ContactService {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(private readonly deps: ContactServiceDeps) {}

  /** Takes one message from the sender's allowance, or says when there will be one. */
  private allowance(senderId: string): Refusal | null {
    const now = this.deps.clock.now();
    let bucket = this.buckets.get(senderId);
    if (!bucket)
      this.buckets.set(senderId, (bucket = new TokenBucket(this.deps.messageRate ?? DEFAULT_MESSAGE_RATE, now)));
    const waitMs = bucket.take(now);
    if (waitMs === 0) return null;
    const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
    return refuse(
      'rate_limited',
      `You have had the hub send many codes and test pages in a short time: try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`,
    );
  }

  get channels(): ContactChannels {
    return this.deps.channels;
  }

  async view(userId: string): Promise<ContactView> {
    const [methods, rules, last] = await Promise.all([
      this.deps.store.methods(userId),
      this.deps.store.rules(),
      this.deps.store.lastDeliveries(),
    ]);
    const saved = rules.get(userId);
    const verified = methods.filter((m) => m.verifiedAt !== null).map((m) => m.id);
    return {
      userId,
      methods: methods.map((m) => methodView(m, last)),
      // Saved rules are shown as saved (an unverified method's step is kept, and skipped until it is verified).
      rules: saved ? [...saved] : effectiveRules(undefined, verified),
      rulesSaved: saved !== undefined,
      channels: this.deps.channels,
    };
  }

  /** `senderId`: who asked (an admin may add a method for someone else); their allowance pays for the code. */
  async add(
    senderId: string,
    userId: string,
    label: string,
    target: ContactTarget,
  ): Promise<{ ok: true; methodId: string; sent: ContactSendResult } | Refusal> {
    const unusable = this.unusable(target);
    if (unusable) return refuse('invalid_command', unusable);
    const mine = await this.deps.store.methods(userId);
    if (mine.length >= MAX_METHODS_PER_PERSON)
      return refuse('limit_reached', `You have ${MAX_METHODS_PER_PERSON} contact methods: remove one to add another.`);
    const plain = JSON.stringify(target);
    if (mine.some((m) => this.opened(m) === plain))
      return refuse('already_exists', `You have this ${CONTACT_KIND_NAMES[target.kind]} method already.`);
    const limited = this.allowance(senderId);
    if (limited) return limited;
    const all = await this.deps.store.methods();
    const id = `cm-${randomBytes(9).toString('base64url')}`;
    const code = newCode();
    const now = this.deps.clock.now();
    const method: StoredContactMethod = {
      id,
      userId,
      kind: target.kind,
      label,
      target: maskTarget(target, this.deps.channels.ntfyServer),
      sealedTarget: this.deps.seal(
        plain,
        all.map((m) => m.sealedTarget),
      ),
      createdAt: new Date(now).toISOString(),
      verifiedAt: null,
      codeHash: codeHash(id, code),
      codeExpiresAt: new Date(now + CODE_TTL_MS).toISOString(),
      codeAttempts: 0,
    };
    await this.deps.store.addMethod(method);
    this.deps.logger.info(
      { user: userId, methodId: id, kind: method.kind, target: method.target },
      'contact method added',
    );
    return { ok: true, methodId: id, sent: await this.sendCode(method, target, code) };
  }

  async verify(method: StoredContactMethod, code: string): Promise<{ ok: true } | Refusal> {
    if (method.verifiedAt !== null) return refuse('no_change', 'This method is verified already.');
    if (method.codeHash === null || method.codeAttempts >= MAX_CODE_ATTEMPTS)
      return refuse('limit_reached', 'Too many wrong codes: send a new code and type that one.');
    if (method.codeExpiresAt !== null && Date.parse(method.codeExpiresAt) <= this.deps.clock.now())
      return refuse('invalid_time', 'That code has expired: send a new code.');
    if (codeHash(method.id, code) !== method.codeHash) {
      const attempts = method.codeAttempts + 1;
      await this.deps.store.updateVerification(method.id, { ...method, codeAttempts: attempts });
      const left = MAX_CODE_ATTEMPTS - attempts;
      return refuse(
        'invalid_command',
        left > 0
          ? `That is not the code we sent (${left} ${left === 1 ? 'try' : 'tries'} left).`
          : 'That is not the code we sent, and that was the last try: send a new code.',
      );
    }
    await this.deps.store.updateVerification(method.id, {
      verifiedAt: isoNow(this.deps.clock),
      codeHash: null,
      codeExpiresAt: null,
      codeAttempts: 0,
    });
    this.deps.logger.info({ user: method.userId, methodId: method.id, kind: method.kind }, 'contact method verified');
    return { ok: true };
  }

  async resend(
    senderId: string,
    method: StoredContactMethod,
  ): Promise<{ ok: true; sent: ContactSendResult } | Refusal> {
    if (method.verifiedAt !== null) return refuse('no_change', 'This method is verified already.');
    const limited = this.allowance(senderId);
    if (limited) return limited;
    const code = newCode();
    await this.deps.store.updateVerification(method.id, {
      verifiedAt: null,
      codeHash: codeHash(method.id, code),
      codeExpiresAt: new Date(this.deps.clock.now() + CODE_TTL_MS).toISOString(),
      codeAttempts: 0,
    });
    return { ok: true, sent: await this.sendCode(method, this.target(method), code) };
  }

  async remove(method: StoredContactMethod): Promise<void> {
    await this.deps.store.removeMethod(method.id);
    this.deps.logger.info({ user: method.userId, methodId: method.id, kind: method.kind }, 'contact method removed');
  }

  async saveRules(userId: string, rules: readonly NotificationRule[]): Promise<{ ok: true } | Refusal> {
    const mine = new Set((await this.deps.store.methods(userId)).map((m) => m.id));
    const unknown = rules.find((r) => !mine.has(r.methodId));
    if (unknown) return refuse('not_found', `No contact method ${unknown.methodId} of yours: add it first.`);
    await this.deps.store.saveRules(userId, rules);
    return { ok: true };
  }

  /** A test page through every verified method, at once; what each answered. */
  async test(userId: string, name: string): Promise<{ ok: true; results: ContactSendResult[] } | Refusal> {
    const limited = this.allowance(userId);
    if (limited) return limited;
    const verified = (await this.deps.store.methods(userId)).filter((m) => m.verifiedAt !== null);
    const message = testMessage(name, isoNow(this.deps.clock));
    const results = await Promise.all(
      verified.map(async (method) => {
        const outcome = await this.send(method, () => this.deps.sendThrough(this.target(method), message));
        return { methodId: method.id, kind: method.kind, target: method.target, ...outcome };
      }),
    );
    return { ok: true, results };
  }

  private async sendCode(method: StoredContactMethod, target: ContactTarget, code: string): Promise<ContactSendResult> {
    const outcome = await this.send(method, () => this.deps.sendThrough(target, verificationMessage(code)));
    return { methodId: method.id, kind: method.kind, target: method.target, ...outcome };
  }

  private async send(
    method: StoredContactMethod,
    work: () => ReturnType<SendThrough>,
  ): Promise<{ ok: boolean; detail: string }> {
    try {
      const outcome = await work();
      return { ok: outcome.ok, detail: outcome.detail };
    } catch (error) {
      this.deps.logger.error({ err: error, methodId: method.id }, 'sending through a contact method failed');
      return { ok: false, detail: 'the hub could not send it' };
    }
  }

  /** Why this hub cannot send through such a target, or null. */
  private unusable(target: ContactTarget): string | null {
    if (target.kind === 'email' && !this.deps.channels.email)
      return 'E-mail is not set up on this hub: an admin sets WARROOM_SMTP_URL or smtp.json (docs/contact.md).';
    if (target.kind === 'webpush' && this.deps.channels.webPushKey === null)
      return 'Browser push is not available on this hub.';
    return null;
  }

  /** The target opened and checked again (a value sealed by an older version may no longer fit the schema). */
  target(method: StoredContactMethod): ContactTarget {
    return contactTargetSchema.parse(JSON.parse(this.deps.open(method.sealedTarget)));
  }

  private opened(method: StoredContactMethod): string | null {
    try {
      return JSON.stringify(this.target(method));
    } catch {
      return null;
    }
  }
}

function methodView(method: StoredContactMethod, last: readonly LastDelivery[]): ContactMethodView {
  const delivery = last.find((d) => d.methodId === method.id);
  return {
    id: method.id,
    userId: method.userId,
    kind: method.kind,
    label: method.label,
    target: method.target,
    verifiedAt: method.verifiedAt,
    createdAt: method.createdAt,
    lastDelivery: delivery ? { at: delivery.at, result: delivery.result, detail: delivery.detail } : null,
  };
}

function newCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Salted with the method id, so equal codes of two methods do not look equal in the store. */
function codeHash(methodId: string, code: string): string {
  return createHash('sha256').update(`${methodId}:${code}`).digest('hex');
}
