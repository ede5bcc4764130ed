import { createHash } from 'node:crypto';
import { z } from 'zod';
import { maskTarget } from '../../../shared/contact/contact-method.js';
import { publicServiceNames, type PublicStatus } from '../../../shared/status-page/public-status.js';
import type { StatusPageConfig } from '../../../shared/status-page/status-page-config.js';

/** What the page's subscribe form sends: `email`, and `service` repeated (public ids; none: every service). */
export interface SubscribeForm {
  readonly address: string;
  /** Public service ids as chosen, each once, in the page's order. */
  readonly services: readonly string[];
  /** The same services as keys (what is stored). */
  readonly keys: readonly string[];
}

const addressSchema = z.email('is not an e-mail address').max(254, 'is too long');

/**
 * Reads the form (application/x-www-form-urlencoded) against the page's current services: an error in words a
 * visitor understands, or the subscription asked for. Unknown fields are ignored (a browser may add a button's).
 */
export function parseSubscribeForm(
  body: string,
  status: PublicStatus,
  config: StatusPageConfig,
): { ok: true; form: SubscribeForm } | { ok: false; error: string } {
  const params = new URLSearchParams(body);
  const emails = params.getAll('email');
  if (emails.length !== 1) return { ok: false, error: 'Enter one e-mail address.' };
  const address = (emails[0] ?? '').trim();
  const checked = addressSchema.safeParse(address);
  if (!checked.success)
    return { ok: false, error: `"${address}" ${checked.error.issues[0]?.message ?? 'is not valid'}.` };
  const keyOf = serviceKeysById(config);
  const asked = new Set(params.getAll('service'));
  const unknown = [...asked].filter((id) => !keyOf.has(id));
  if (unknown.length > 0)
    return { ok: false, error: 'One of the services chosen is no longer on the page: choose again.' };
  const services = status.services.map((s) => s.id).filter((id) => asked.has(id));
  return { ok: true, form: { address, services, keys: services.flatMap((id) => keyOf.get(id) ?? []) } };
}

/** Public service id → service key (normalised): the key never leaves the hub. */
export function serviceKeysById(config: StatusPageConfig): Map<string, string> {
  return new Map(publicServiceNames(config).map((s) => [s.id, s.key]));
}

/** What finds a subscription again without keeping the address in clear. */
export function addressHash(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex');
}

export function maskAddress(address: string): string {
  return maskTarget({ kind: 'email', address }, '');
}
