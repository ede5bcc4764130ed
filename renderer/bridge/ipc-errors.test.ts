import { describe, expect, it } from 'vitest';
import type { WarroomApi } from '../../shared/ipc/contract.js';
import { readableIpcMessage, withReadableErrors } from './ipc-errors.js';

describe('readableIpcMessage', () => {
  it("keeps main's message and drops Electron's wrapping", () => {
    expect(
      readableIpcMessage(
        "Error invoking remote method 'warroom:getOnCall': Error: The on-call schedule needs the hub, which cannot be reached now.",
      ),
    ).toBe('The on-call schedule needs the hub, which cannot be reached now.');
    expect(
      readableIpcMessage("Error invoking remote method 'warroom:getTimeline': TypeError: x is not a function"),
    ).toBe('x is not a function');
    expect(readableIpcMessage('Connect to a hub first.')).toBe('Connect to a hub first.');
  });
});

describe('withReadableErrors', () => {
  it('rewrites rejections only, and passes results and subscriptions through', async () => {
    const unsubscribe = () => undefined;
    const api = {
      getOnCall: async (days?: number) => {
        throw new Error(`Error invoking remote method 'warroom:getOnCall': Error: No hub (asked for ${days} days).`);
      },
      sendTestPage: async () => ({ ok: false, error: { code: 'forbidden', message: 'no' } }),
      onPage: () => unsubscribe,
    } as unknown as WarroomApi;
    const wrapped = withReadableErrors(api);
    await expect(wrapped.getOnCall(3)).rejects.toThrow(/^No hub \(asked for 3 days\)\.$/);
    expect(await wrapped.sendTestPage()).toEqual({ ok: false, error: { code: 'forbidden', message: 'no' } });
    expect(wrapped.onPage(() => undefined)).toBe(unsubscribe);
  });
});
