// The fake electron's strictness, probed: main calling an API the fake lacks (a misspelling, or a new API) must fail
// with a message naming it, not return undefined.
import { describe, expect, it } from 'vitest';
import { app, ipcMain, safeStorage } from './child/fake-electron.js';
import { recorded } from './child/record.js';
import { MissingFakeApi } from './child/strict.js';

describe('the fake electron', () => {
  it('throws, naming it, on an API it does not have', () => {
    const misspelled = (): unknown => (app as unknown as Record<string, unknown>).setAsDefaultProtocolClien;
    expect(misspelled).toThrow(MissingFakeApi);
    expect(misspelled).toThrow(/app\.setAsDefaultProtocolClien does not exist on the fake/);
  });

  it('records the calls made on it', () => {
    app.getVersion();
    expect(recorded.at(-1)).toEqual({ kind: 'call', api: 'app.getVersion', args: [] });
  });

  it("refuses a second handler on a channel, as Electron's ipcMain does", () => {
    ipcMain.handle('warroom:probe', () => undefined);
    expect(() => ipcMain.handle('warroom:probe', () => undefined)).toThrow(/second handler for 'warroom:probe'/);
  });

  it('opens only what it sealed', () => {
    expect(safeStorage.decryptString(safeStorage.encryptString('wr_x'))).toBe('wr_x');
    expect(() => safeStorage.decryptString(Buffer.from('plain'))).toThrow();
  });
});
