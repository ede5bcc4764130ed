// The probe for the boot test's channel check: it must see a contract channel without a handler (and a handler the
// contract does not have), or its "nothing missing" in boot.test.ts proves nothing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareChannels, eventChannels, hostEventNames, requestChannels } from './contract-channels.js';

describe('compareChannels', () => {
  const contract = requestChannels();

  it('finds nothing wrong when every contract channel is registered once', () => {
    expect(compareChannels(contract, [...contract].reverse())).toEqual({ missing: [], unexpected: [], duplicated: [] });
  });

  it('reports a contract channel with no handler', () => {
    const [dropped, ...rest] = contract;
    expect(dropped).toBeDefined();
    expect(compareChannels(contract, rest).missing).toEqual([dropped]);
  });

  it('reports a handler the contract does not have, and one registered twice', () => {
    const registered = [...contract, 'warroom:notInTheContract', contract[0] ?? ''];
    expect(compareChannels(contract, registered)).toEqual({
      missing: [],
      unexpected: ['warroom:notInTheContract'],
      duplicated: [contract[0]],
    });
  });

  it("names the contract's channels as main and the preload spell them", () => {
    expect(contract).toContain('warroom:getView');
    expect(eventChannels()).toContain('warroom:on-viewChanged');
    expect(new Set([...contract, ...eventChannels()]).size).toBe(contract.length + eventChannels().length);
  });
});

describe('hostEventNames', () => {
  it('reads every member of the HostEvents interface, and fails loudly on a shape it cannot read', () => {
    const folder = mkdtempSync(join(tmpdir(), 'warroom-contract-'));
    try {
      const file = join(folder, 'contract.ts');
      writeFileSync(file, 'export interface HostEvents {\n  /** doc */\n  first: string;\n  second: null;\n}\n');
      expect(hostEventNames(file)).toEqual(['first', 'second']);
      writeFileSync(file, 'export type HostEvents = { first: string };\n');
      expect(() => hostEventNames(file)).toThrow(/declares no interface HostEvents/);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
