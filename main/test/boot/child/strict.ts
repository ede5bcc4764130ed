// The fake electron's two promises: every call main makes on it is recorded, and reading anything the fake does
// not have fails at once with a message naming it (so a misspelled or newly used Electron API shows up in the boot
// test instead of as `undefined is not a function` somewhere later, or not at all).
import { record } from './record.js';

/** Reads the JS machinery makes on any object (await, JSON, inspection): never an Electron API, so never an error. */
const PROBES = new Set(['then', 'toJSON', 'inspect', 'nodeType', 'asymmetricMatch', '$$typeof']);

/** EventEmitter plumbing (the driver emits; emitters call these on themselves): noise in the record. */
const UNRECORDED = new Set(['emit', 'listeners', 'listenerCount', 'rawListeners', 'eventNames', 'constructor']);

export class MissingFakeApi extends Error {
  constructor(readonly api: string) {
    super(
      `fake electron: ${api} does not exist on the fake. Main used an Electron API the boot test does not know: ` +
        'check its spelling against Electron, or add it to main/test/boot/child/fake-electron.ts.',
    );
    this.name = 'MissingFakeApi';
  }
}

/** `target` behind a proxy that records method calls as `${label}.${method}` and throws on unknown properties. */
export function strict<T extends object>(label: string, target: T): T {
  return new Proxy(target, {
    get(object, key, receiver) {
      if (typeof key === 'symbol' || PROBES.has(key)) return Reflect.get(object, key, receiver);
      if (!(key in object)) {
        record({ kind: 'note', what: 'missing-api', data: `${label}.${key}` });
        throw new MissingFakeApi(`${label}.${key}`);
      }
      const value: unknown = Reflect.get(object, key, receiver);
      if (typeof value !== 'function' || UNRECORDED.has(key)) return value;
      const method = value as (...args: unknown[]) => unknown;
      return function recorded(this: unknown, ...args: unknown[]): unknown {
        record({ kind: 'call', api: `${label}.${key}`, args });
        return Reflect.apply(method, this, args);
      };
    },
  });
}

/** A strict class: its statics are checked like any object's, and each `new` is recorded with its arguments. */
export function strictClass<C extends new (...args: never[]) => object>(label: string, cls: C): C {
  return new Proxy(strict(label, cls), {
    construct(target, args: unknown[], newTarget) {
      record({ kind: 'call', api: `new ${label}`, args });
      return Reflect.construct(target, args, newTarget) as object;
    },
  });
}
