import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import {
  commandRequestSchema,
  type CommandRequest,
  type CommandRequestOf,
  type CommandType,
} from '../domain/commands.js';
import type { WarroomApi } from '../ipc/contract.js';
import type { SyncEngine } from './sync-engine.js';

/**
 * Commands are typed from the UI to the outbox: a payload that does not fit its command type is a compile error
 * (`tsc -p tsconfig.tests.json` checks the `@ts-expect-error` lines below: each must be an error).
 */
describe('command types', () => {
  it("types the contract's sendCommand by CommandRequest, from the same schemas as the commands", () => {
    expectTypeOf<z.input<typeof commandRequestSchema>>().toExtend<CommandRequest>();
    expectTypeOf<CommandRequest>().toExtend<z.input<typeof commandRequestSchema>>();
    expectTypeOf<Parameters<WarroomApi['sendCommand']>[0]>().toEqualTypeOf<z.input<typeof commandRequestSchema>>();
    expectTypeOf<Parameters<SyncEngine['submit']>[0]>().toEqualTypeOf<CommandRequest>();
    expectTypeOf<CommandRequestOf<'tried.add'>['payload']>().toHaveProperty('what');
    expectTypeOf<CommandRequest['type']>().toEqualTypeOf<CommandType>();
  });

  it('makes a wrong payload for a command type a compile error', () => {
    const submit = (request: CommandRequest): CommandRequest => request;
    const send = (engine: Pick<SyncEngine, 'send'>): void => {
      engine.send('tried.add', 'inc', { entryId: 'e1', what: 'Restarted' });
      // @ts-expect-error tried.add needs `what`
      engine.send('tried.add', 'inc', { entryId: 'e1' });
      // @ts-expect-error a severity is one of SEV-1..3
      engine.send('incident.change_severity', 'inc', { severity: 'SEV-9', reason: 'x' });
    };
    expect(typeof send).toBe('function');
    submit({ type: 'role.claim', incidentId: 'inc', payload: { role: 'lead' } });
    // @ts-expect-error role.claim's payload has no `what`
    submit({ type: 'role.claim', incidentId: 'inc', payload: { role: 'lead', what: 'x' } });
    // @ts-expect-error a tried.add payload under another command's type
    submit({ type: 'incident.acknowledge', incidentId: 'inc', payload: { entryId: 'e1', what: 'Restarted' } });
    // @ts-expect-error no such command
    submit({ type: 'incident.delete', incidentId: 'inc', payload: {} });
    const api = {} as Pick<WarroomApi, 'sendCommand'>;
    const viaApi = (): unknown =>
      // @ts-expect-error the contract's sendCommand is typed the same way
      api.sendCommand({ type: 'tried.add', incidentId: 'inc', payload: { outcome: 'worked' } });
    expect(typeof viaApi).toBe('function');
  });

  it("checks a request at run time with the same rules (main's IPC check)", () => {
    expect(
      commandRequestSchema.safeParse({ type: 'role.claim', incidentId: 'inc', payload: { role: 'lead' } }).success,
    ).toBe(true);
    expect(
      commandRequestSchema.safeParse({ type: 'tried.add', incidentId: 'inc', payload: { entryId: 'e1' } }).success,
    ).toBe(false);
  });
});
