// The preload: the renderer's only door to main, exposed as `window.warroom` (WarroomApi). It runs sandboxed,
// where require() knows nothing but 'electron', so it loads no other file: only types come from shared/
// (erased at compile time) and the channel names are written out here, checked by the compiler against the
// contract. A unit test (preload.test.ts) reads the compiled dist/main/preload.cjs and checks it requires
// nothing but electron. It never hands out ipcRenderer, and offers no generic invoke: one function per request.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a .cts file under verbatimModuleSyntax must import as `import x = require()`; it compiles to the one require('electron') the sandbox allows
import electron = require('electron');
import type {
  DesktopApi,
  HostEventName,
  HostEvents,
  RequestName,
  RequestResults,
  eventChannel,
  requestChannel,
} from '../shared/ipc/contract.js';
import type { Listener } from '../shared/events/emitter.js';

const { contextBridge, ipcRenderer } = electron;

const requestChannels = {
  getView: 'warroom:getView',
  sendCommand: 'warroom:sendCommand',
  dismissRejection: 'warroom:dismissRejection',
  connect: 'warroom:connect',
  getSettings: 'warroom:getSettings',
  setNotificationPrefs: 'warroom:setNotificationPrefs',
  setAvailability: 'warroom:setAvailability',
  openExternal: 'warroom:openExternal',
  signOut: 'warroom:signOut',
  getTimeline: 'warroom:getTimeline',
  getOnCall: 'warroom:getOnCall',
  changeOnCall: 'warroom:changeOnCall',
  sendTestPage: 'warroom:sendTestPage',
  getContact: 'warroom:getContact',
  changeContact: 'warroom:changeContact',
  testContact: 'warroom:testContact',
  getStatusPage: 'warroom:getStatusPage',
  changeStatusPage: 'warroom:changeStatusPage',
  listDrafts: 'warroom:listDrafts',
  saveDraft: 'warroom:saveDraft',
  removeDraft: 'warroom:removeDraft',
  getMetrics: 'warroom:getMetrics',
  saveFile: 'warroom:saveFile',
  printPdf: 'warroom:printPdf',
} as const satisfies { readonly [K in RequestName]: `warroom:${K}` & ReturnType<typeof requestChannel> };

const eventChannels = {
  viewChanged: 'warroom:on-viewChanged',
  pendingChanged: 'warroom:on-pendingChanged',
  connectionChanged: 'warroom:on-connectionChanged',
  openIncident: 'warroom:on-openIncident',
  eventsReceived: 'warroom:on-eventsReceived',
  pageReceived: 'warroom:on-pageReceived',
  onCallChanged: 'warroom:on-onCallChanged',
  statusPageChanged: 'warroom:on-statusPageChanged',
} as const satisfies { readonly [K in HostEventName]: `warroom:on-${K}` & ReturnType<typeof eventChannel> };

function request<K extends RequestName>(name: K, ...args: unknown[]): Promise<RequestResults[K]> {
  return ipcRenderer.invoke(requestChannels[name], ...args);
}

function subscribe<K extends HostEventName>(name: K, listener: Listener<HostEvents[K]>): () => void {
  const channel = eventChannels[name];
  // The event object (with its sender) stays here: the page gets the payload only (none for an event without one).
  const call = listener as (payload: HostEvents[K]) => void;
  const forward = (_event: unknown, payload: HostEvents[K]): void => call(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const api: DesktopApi = {
  getView: () => request('getView'),
  sendCommand: (command) => request('sendCommand', command),
  dismissRejection: (commandId) => request('dismissRejection', commandId),
  connect: (connectRequest) => request('connect', connectRequest),
  getSettings: () => request('getSettings'),
  setNotificationPrefs: (prefs) => request('setNotificationPrefs', prefs),
  setAvailability: (availability) => request('setAvailability', availability),
  openExternal: (url) => request('openExternal', url),
  signOut: () => request('signOut'),
  getTimeline: (incidentId) => request('getTimeline', incidentId),
  // No argument is sent when none was given: the request's schema then sees `[]`, as main's default expects.
  getOnCall: (days) => (days === undefined ? request('getOnCall') : request('getOnCall', days)),
  changeOnCall: (change) => request('changeOnCall', change),
  sendTestPage: () => request('sendTestPage'),
  // As getOnCall: no argument when none was given, so main's schema sees `[]`.
  getContact: (userId) => (userId === undefined ? request('getContact') : request('getContact', userId)),
  changeContact: (change) => request('changeContact', change),
  testContact: () => request('testContact'),
  getStatusPage: () => request('getStatusPage'),
  changeStatusPage: (change) => request('changeStatusPage', change),
  listDrafts: () => request('listDrafts'),
  saveDraft: (draft) => request('saveDraft', draft),
  removeDraft: (incidentId) => request('removeDraft', incidentId),
  getMetrics: (query) => request('getMetrics', query),
  saveFile: (file) => request('saveFile', file),
  printPdf: (pdf) => request('printPdf', pdf),
  onViewChanged: (listener) => subscribe('viewChanged', listener),
  onPendingChanged: (listener) => subscribe('pendingChanged', listener),
  onConnectionChanged: (listener) => subscribe('connectionChanged', listener),
  onOpenIncident: (listener) => subscribe('openIncident', listener),
  onEvents: (listener) => subscribe('eventsReceived', listener),
  onPage: (listener) => subscribe('pageReceived', listener),
  onOnCallChanged: (listener) => subscribe('onCallChanged', () => listener()),
  onStatusPageChanged: (listener) => subscribe('statusPageChanged', () => listener()),
};

contextBridge.exposeInMainWorld('warroom', api);
