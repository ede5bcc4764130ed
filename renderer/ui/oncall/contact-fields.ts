import {
  CONTACT_KIND_NAMES,
  contactTargetSchema,
  type ContactKind,
  type ContactTarget,
} from '../../../shared/contact/contact-method.js';
import type { ContactChannels } from '../../../shared/protocol/contact-wire.js';

/**
 * The "Add a method" form's decisions, as plain functions: which kinds to offer, which fields each needs, and the
 * target they make (checked with the hub's own schema, each problem tied to its field).
 */

/** Kinds typed into the form; browser push is not typed (it is the "Get pages in this browser" button). */
export type TypedKind = Exclude<ContactKind, 'webpush'>;

/** What the person typed, all kinds' fields together: switching kind keeps what was typed for the others. */
export interface MethodFields {
  address: string;
  topic: string;
  server: string;
  token: string;
  url: string;
  secret: string;
}

export const EMPTY_FIELDS: MethodFields = { address: '', topic: '', server: '', token: '', url: '', secret: '' };

export type FieldName = keyof MethodFields;

/** The fields each kind asks for, in order. */
export const KIND_FIELDS: Readonly<Record<TypedKind, readonly FieldName[]>> = {
  email: ['address'],
  ntfy: ['topic', 'server', 'token'],
  slack: ['url'],
  mattermost: ['url'],
  teams: ['url'],
  webhook: ['url', 'secret'],
};

/** The kinds this hub can send through: e-mail only with SMTP set up; the chat and webhook kinds always. */
export function typedKinds(channels: ContactChannels): TypedKind[] {
  const kinds: TypedKind[] = ['ntfy', 'slack', 'mattermost', 'teams', 'webhook'];
  return channels.email ? ['email', ...kinds] : kinds;
}

export function kindName(kind: ContactKind): string {
  return CONTACT_KIND_NAMES[kind];
}

/** The target the fields make for `kind`; empty optional fields are left out (the hub's defaults apply). */
export function targetOf(kind: TypedKind, fields: MethodFields): Record<string, string> {
  switch (kind) {
    case 'email':
      return { kind, address: fields.address.trim() };
    case 'ntfy':
      return {
        kind,
        topic: fields.topic,
        ...(fields.server.trim() ? { server: fields.server.trim() } : {}),
        ...(fields.token.trim() ? { token: fields.token } : {}),
      };
    case 'slack':
    case 'mattermost':
    case 'teams':
      return { kind, url: fields.url.trim() };
    case 'webhook':
      return { kind, url: fields.url.trim(), secret: fields.secret };
  }
}

/** The checked target, or each problem by the field it is about (a problem of no field under `form`). */
export function checkTarget(
  kind: TypedKind,
  fields: MethodFields,
): { ok: true; target: ContactTarget } | { ok: false; problems: Partial<Record<FieldName | 'form', string>> } {
  const parsed = contactTargetSchema.safeParse(targetOf(kind, fields));
  if (parsed.success) return { ok: true, target: parsed.data };
  const problems: Partial<Record<FieldName | 'form', string>> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    const field = typeof key === 'string' && key in EMPTY_FIELDS ? (key as FieldName) : null;
    if (field) problems[field] ??= `${FIELD_LABELS[field]}: ${issue.message}`;
    else problems.form ??= issue.message;
  }
  return { ok: false, problems };
}

/** Each field's label, per kind where it differs. */
export const FIELD_LABELS: Readonly<Record<FieldName, string>> = {
  address: 'E-mail address',
  topic: 'ntfy topic',
  server: 'ntfy server (optional)',
  token: 'Access token (optional)',
  url: 'Webhook URL',
  secret: 'Signing secret',
};
