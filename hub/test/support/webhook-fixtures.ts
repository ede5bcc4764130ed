import { readFileSync } from 'node:fs';
import { DEFAULT_SEVERITY_MAPPING } from '../../../shared/alerts/severity-mapping.js';
import type { ParseContext } from '../../webhooks/parse-support.js';

/** The raw bytes of a fixture in hub/webhooks/fixtures, as a sender would post them. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(new URL(`../../webhooks/fixtures/${name}`, import.meta.url));
}

/** A fixture's decoded JSON, as a parser receives it. */
export function fixture(name: string): unknown {
  return JSON.parse(fixtureBytes(name).toString('utf8'));
}

export const RECEIVED_AT = '2026-11-27T13:40:00.000Z';

export const parseContext: ParseContext = { severity: DEFAULT_SEVERITY_MAPPING, receivedAt: RECEIVED_AT };
