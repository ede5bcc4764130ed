// Module loader hooks (node:module register) for the boot child: the specifier `electron`, from any module (main,
// electron-store), resolves to the fake. Nothing else changes: main's own imports are loaded as built.

import type { InitializeHook, ResolveHook } from 'node:module';

let fakeUrl = '';

export const initialize: InitializeHook<{ fakeUrl: string }> = (data) => {
  fakeUrl = data.fakeUrl;
};

export const resolve: ResolveHook = (specifier, context, nextResolve) =>
  specifier === 'electron' ? { url: fakeUrl, shortCircuit: true } : nextResolve(specifier, context);
