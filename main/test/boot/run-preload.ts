// Runs the compiled preload as Electron's sandbox does (a function given require, process, exports and module, where
// require knows only 'electron') and calls every function it exposes once, to learn which channel each one uses.
// preload.test.ts checks each function's arguments; this only maps the exposed API onto channels, so the boot test
// can hold it against what main registered.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

export interface PreloadUse {
  /** What was exposed, under which key (`window.warroom`). */
  readonly exposedKeys: string[];
  /** For each function of window.warroom: the ipcRenderer method and channel its call used. */
  readonly channelOf: Record<string, { via: 'invoke' | 'on' | 'removeListener'; channel: string }[]>;
  /** Anything the preload asked of electron that this fake does not have. */
  readonly missing: string[];
}

export function mapPreloadChannels(preloadFile: string): PreloadUse {
  const exposed = new Map<string, unknown>();
  const missing: string[] = [];
  let uses: { via: 'invoke' | 'on' | 'removeListener'; channel: string }[] = [];
  const strictObject = (label: string, target: Record<string, unknown>): object =>
    new Proxy(target, {
      get(object, key) {
        if (typeof key === 'string' && !(key in object)) missing.push(`${label}.${key}`);
        return Reflect.get(object, key);
      },
    });
  const electron = strictObject('electron', {
    contextBridge: strictObject('contextBridge', {
      exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api),
    }),
    ipcRenderer: strictObject('ipcRenderer', {
      invoke: (channel: string) => {
        uses.push({ via: 'invoke', channel });
        return Promise.resolve(null);
      },
      on: (channel: string) => uses.push({ via: 'on', channel }),
      removeListener: (channel: string) => uses.push({ via: 'removeListener', channel }),
    }),
  });
  const sandboxRequire = (id: string): unknown => {
    if (id === 'electron') return electron;
    throw new Error(`module not found: ${id} (a sandboxed preload can only require electron)`);
  };
  const source = readFileSync(preloadFile, 'utf8');
  const wrapper = vm.runInNewContext(`(function (require, process, exports, module) {\n${source}\n})`, {}) as (
    ...args: unknown[]
  ) => void;
  const exports = {};
  wrapper(sandboxRequire, {}, exports, { exports });

  const api = (exposed.get('warroom') ?? {}) as Record<string, unknown>;
  const channelOf: PreloadUse['channelOf'] = {};
  for (const [key, value] of Object.entries(api)) {
    uses = [];
    // A request ignores the no-op (the fake invoke checks nothing); a subscription takes it as its listener.
    if (typeof value === 'function') void (value as (listener: () => void) => unknown)(() => undefined);
    channelOf[key] = uses;
  }
  return { exposedKeys: [...exposed.keys()], channelOf, missing };
}
