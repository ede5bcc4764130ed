import type { ConnectRequest, ConnectResult } from '../shared/ipc/settings.js';
import type { EngineHost, EngineLike } from './engine-host.js';
import type { OpenedConnection } from './hub-connect.js';
import { normalizeHubUrl } from './hub-url.js';
import { chooseStartupConnection, type HubCredentials, type StartupConnection } from './local-hub.js';
import type { Logger } from './log.js';
import type { SettingsService } from './settings-service.js';

export interface SessionDeps {
  readonly host: EngineHost;
  readonly settings: SettingsService;
  /** Tries a hub and returns a running engine that got in (hub-connect.ts `openHubConnection`). */
  readonly openConnection: (request: HubCredentials) => Promise<OpenedConnection>;
  /** Creates and starts an engine without waiting for it (it reconnects by itself). */
  readonly startEngine: (credentials: HubCredentials) => EngineLike;
  readonly log: Logger;
}

/** The person's session with a hub: resume at start-up, connect (switching hubs), sign out. */
export class HubSession {
  private connecting = false;

  constructor(private readonly deps: SessionDeps) {}

  /**
   * At start-up: the saved hub, or the local hub with the token from its file (see chooseStartupConnection).
   * No check first: the engine shows the state from its cache at once and connects when the hub is up.
   */
  resume(local: HubCredentials | null): StartupConnection {
    const { settings, host, log } = this.deps;
    const { hubUrl, useLocalHub } = settings.settings;
    const choice = chooseStartupConnection({ hubUrl, token: settings.sessionToken, useLocalHub }, local);
    if (!choice) return null;
    if (choice.source === 'local-hub') {
      settings.useLocalHubToken(choice.hubUrl, choice.token);
      log.info('Connecting to the local hub with the token from its file', { hubUrl: choice.hubUrl });
    }
    host.adopt(this.deps.startEngine(choice), { hubUrl: choice.hubUrl, token: choice.token });
    return choice;
  }

  /**
   * Tries the hub first (address, /healthz, the token); only an engine that got in replaces the running one,
   * so a typo does not cut off a working connection. One attempt at a time.
   */
  async connect(request: ConnectRequest): Promise<ConnectResult> {
    if (this.connecting) return { ok: false, message: 'Already connecting to a hub; wait for that attempt to finish.' };
    const url = normalizeHubUrl(request.hubUrl);
    if (!url.ok) return url;
    const { host, settings, log } = this.deps;
    const credentials = { hubUrl: url.hubUrl, token: request.token };
    const running = host.credentials;
    // The same hub and token share one outbox on disk: never run two engines on it.
    const same = running !== null && running.hubUrl === credentials.hubUrl && running.token === credentials.token;
    this.connecting = true;
    try {
      if (same) host.stop();
      const opened = await this.deps.openConnection(credentials);
      if (!opened.ok) {
        log.warn('Connecting to a hub failed', { hubUrl: credentials.hubUrl, reason: opened.message });
        if (same) host.adopt(this.deps.startEngine(credentials), credentials);
        return { ok: false, message: opened.message };
      }
      settings.setCredentials(opened.hubUrl, credentials.token);
      host.adopt(opened.engine, { hubUrl: opened.hubUrl, token: credentials.token });
      log.info('Connected to a hub', { hubUrl: opened.hubUrl, token: settings.tokenKeeping });
      return { ok: true };
    } finally {
      this.connecting = false;
    }
  }

  signOut(): void {
    this.deps.settings.signOut();
    this.deps.host.stop();
    this.deps.log.info('Signed out');
  }
}
