// The IPC contract as channel names, and the one decision the boot test makes about them: which contract channels
// are missing from what was registered, and which registered channels the contract does not have.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import {
  eventChannel,
  requestChannel,
  requestSchemas,
  type HostEventName,
  type RequestName,
} from '../../../shared/ipc/contract.js';

const CONTRACT = fileURLToPath(new URL('../../../shared/ipc/contract.ts', import.meta.url));

/**
 * The names of the contract's host events. `HostEvents` is an interface, gone at run time, so they are read from its
 * declaration in contract.ts: a list here would go stale the day the contract gains an event.
 */
export function hostEventNames(contractFile = CONTRACT): HostEventName[] {
  const source = ts.createSourceFile(contractFile, readFileSync(contractFile, 'utf8'), ts.ScriptTarget.ES2022, true);
  const declaration = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === 'HostEvents',
  );
  if (!declaration) throw new Error(`${contractFile} declares no interface HostEvents: update hostEventNames()`);
  if (declaration.heritageClauses?.length) throw new Error('HostEvents extends another type: update hostEventNames()');
  return declaration.members.map((member) => {
    if (!ts.isPropertySignature(member) || !(ts.isIdentifier(member.name) || ts.isStringLiteral(member.name)))
      throw new Error(`HostEvents has a member hostEventNames() cannot read: ${member.getText()}`);
    return member.name.text as HostEventName;
  });
}

export const requestNames = (): RequestName[] => Object.keys(requestSchemas) as RequestName[];
export const requestChannels = (): string[] => requestNames().map(requestChannel).sort();
export const eventChannels = (): string[] => hostEventNames().map(eventChannel).sort();

export interface ChannelComparison {
  /** In the contract, not registered. */
  readonly missing: string[];
  /** Registered, not in the contract. */
  readonly unexpected: string[];
  /** Registered more than once. */
  readonly duplicated: string[];
}

export function compareChannels(contract: readonly string[], registered: readonly string[]): ChannelComparison {
  const have = new Set(registered);
  const want = new Set(contract);
  return {
    missing: [...want].filter((channel) => !have.has(channel)).sort(),
    unexpected: [...have].filter((channel) => !want.has(channel)).sort(),
    duplicated: [...have].filter((channel) => registered.indexOf(channel) !== registered.lastIndexOf(channel)).sort(),
  };
}
