import type { ContactTarget } from '../../../shared/contact/contact-method.js';
import type { NotificationRule } from '../../../shared/contact/notification-rules.js';
import {
  contactChangeReplySchema,
  contactReplySchema,
  contactTestReplySchema,
  type ContactChange,
  type ContactChangeReply,
  type ContactTestReply,
  type ContactView,
} from '../../../shared/protocol/contact-wire.js';
import type { TestClient } from './test-client.js';

/** `contact.change`, its reply parsed with the shared schema. */
export async function contactChange(client: TestClient, change: ContactChange): Promise<ContactChangeReply> {
  return contactChangeReplySchema.parse(await client.socket.timeout(10_000).emitWithAck('contact.change', change));
}

export async function contactView(client: TestClient, userId?: string): Promise<ContactView> {
  const reply = contactReplySchema.parse(
    await client.socket.timeout(10_000).emitWithAck('contact', userId ? { userId } : {}),
  );
  if (!reply.ok) throw new Error(`contact refused: ${reply.error.message}`);
  return reply.view;
}

export async function contactTest(client: TestClient): Promise<ContactTestReply> {
  return contactTestReplySchema.parse(await client.socket.timeout(10_000).emitWithAck('contact.test', {}));
}

/** The six-digit code in a verification message's text. */
export function codeIn(text: string): string {
  const code = /verification code is (\d{6})/.exec(text)?.[1];
  if (!code) throw new Error(`no verification code in: ${text.slice(0, 200)}`);
  return code;
}

/**
 * Adds a method and verifies it with the code that reached it (`readCode` waits for the verification message
 * and returns its text). Returns the method id.
 */
export async function addVerified(
  client: TestClient,
  target: ContactTarget,
  readCode: () => Promise<string>,
  label = '',
): Promise<string> {
  const added = await contactChange(client, { kind: 'method.add', label, target });
  if (!added.ok || !added.methodId) throw new Error(`method.add refused: ${added.ok ? 'no id' : added.error.message}`);
  if (!added.sent?.ok) throw new Error(`verification did not go out: ${added.sent?.detail ?? 'nothing sent'}`);
  const verified = await contactChange(client, {
    kind: 'method.verify',
    methodId: added.methodId,
    code: codeIn(await readCode()),
  });
  if (!verified.ok) throw new Error(`method.verify refused: ${verified.error.message}`);
  return added.methodId;
}

export async function saveRules(client: TestClient, rules: NotificationRule[]): Promise<void> {
  const saved = await contactChange(client, { kind: 'rules.save', rules });
  if (!saved.ok) throw new Error(`rules.save refused: ${saved.error.message}`);
}

/** The ack link in a message's text (`Acknowledge: <url>`). */
export function ackLinkIn(text: string): string {
  const url = /Acknowledge: (\S+)/.exec(text)?.[1];
  if (!url) throw new Error(`no acknowledge link in: ${text.slice(0, 300)}`);
  return url;
}
