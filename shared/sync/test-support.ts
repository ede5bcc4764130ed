import type { CommandInput, CommandRequest } from '../domain/commands.js';
import type { ContactChange, ContactChangeReply, ContactReply, ContactTestReply } from '../protocol/contact-wire.js';
import type { DomainEvent } from '../domain/events.js';
import type { StatusPageChange, StatusPageChangeReply, StatusPageReply } from '../protocol/status-page-wire.js';
import type {
  OncallChange,
  OncallChangeReply,
  OncallReply,
  PageNotification,
  PageTestReply,
} from '../protocol/oncall-wire.js';
import type { EngineView, SendResult } from './engine-view.js';
import type { EngineHandle } from './sync-engine.js';
import { signedOutView } from './engine-view.js';
import { queuedCommandSchema, type QueuedCommand } from './outbox.js';

/**
 * Test support: a fake of the sync engine for the hosts that run one (Electron main's EngineHost, the web bridge).
 */

/** A command as the outbox keeps it (parsed once, defaults filled in), for fixtures: the input may leave defaults out. */
export function queuedCommandOf(input: CommandInput): QueuedCommand {
  return queuedCommandSchema.parse(input);
}

/** A view as an engine would give it, online with nothing pending unless told otherwise. */
export function viewOf(overrides: Partial<EngineView> = {}): EngineView {
  return { ...signedOutView('http://127.0.0.1:4380'), status: 'online', ...overrides };
}

/** An engine that does what the test says: `emit` plays a view change. */
export class FakeEngine implements EngineHandle {
  started = 0;
  stopped = 0;
  readonly sent: { type: string; incidentId: string; payload: unknown }[] = [];
  readonly dismissed: string[] = [];
  private readonly listeners = new Set<(view: EngineView) => void>();

  constructor(
    public view: EngineView = viewOf({ status: 'connecting' }),
    private readonly onStart?: (engine: FakeEngine) => void,
  ) {}

  start(): void {
    this.started += 1;
    this.onStart?.(this);
  }

  stop(): void {
    this.stopped += 1;
  }

  cacheSaves = 0;
  saveCache(): void {
    this.cacheSaves += 1;
  }

  onChange(listener: (view: EngineView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  send(type: string, incidentId: string, payload: unknown): SendResult {
    this.sent.push({ type, incidentId, payload });
    return { ok: true, commandId: `cmd-${this.sent.length}` };
  }

  submit(request: CommandRequest): SendResult {
    return this.send(request.type, request.incidentId, request.payload);
  }

  dismissRejection(commandId: string): void {
    this.dismissed.push(commandId);
  }

  readonly timelines = new Map<string, DomainEvent[]>();
  private readonly eventListeners = new Set<(events: DomainEvent[]) => void>();
  onEvents(listener: (events: DomainEvent[]) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }
  /** Confirmed events arrive from the hub. */
  emitEvents(events: DomainEvent[]): void {
    for (const listener of this.eventListeners) listener(events);
  }
  async getTimeline(incidentId: string): Promise<DomainEvent[]> {
    const events = this.timelines.get(incidentId);
    if (!events) throw new Error(`No incident with id ${incidentId}.`);
    return events;
  }

  private readonly pageListeners = new Set<(page: PageNotification) => void>();
  private readonly onCallListeners = new Set<() => void>();
  onPage(listener: (page: PageNotification) => void): () => void {
    this.pageListeners.add(listener);
    return () => this.pageListeners.delete(listener);
  }
  onOnCallChanged(listener: () => void): () => void {
    this.onCallListeners.add(listener);
    return () => this.onCallListeners.delete(listener);
  }
  /** The hub pushes a page for this person. */
  emitPage(page: PageNotification): void {
    for (const listener of this.pageListeners) listener(page);
  }
  /** The hub says the on-call set-up changed. */
  emitOnCallChanged(): void {
    for (const listener of this.onCallListeners) listener();
  }

  /** What the on-call requests answer (set by the test); an Error is thrown, as offline. */
  onCallAnswers: {
    getOnCall: OncallReply | Error;
    changeOnCall: OncallChangeReply | Error;
    sendTestPage: PageTestReply | Error;
  } = {
    getOnCall: new Error('The on-call schedule needs the hub, which cannot be reached now.'),
    changeOnCall: { ok: true, warnings: [] },
    sendTestPage: new Error('A test page needs the hub, which cannot be reached now.'),
  };
  readonly onCallCalls: unknown[][] = [];
  async getOnCall(days?: number): Promise<OncallReply> {
    this.onCallCalls.push(['getOnCall', days]);
    return answerOrThrow(this.onCallAnswers.getOnCall);
  }
  async changeOnCall(change: OncallChange): Promise<OncallChangeReply> {
    this.onCallCalls.push(['changeOnCall', change]);
    return answerOrThrow(this.onCallAnswers.changeOnCall);
  }
  async sendTestPage(): Promise<PageTestReply> {
    this.onCallCalls.push(['sendTestPage']);
    return answerOrThrow(this.onCallAnswers.sendTestPage);
  }

  /** What the contact requests answer (set by the test); an Error is thrown, as offline. */
  contactAnswers: {
    getContact: ContactReply | Error;
    changeContact: ContactChangeReply | Error;
    testContact: ContactTestReply | Error;
  } = {
    getContact: new Error('Reading contact methods needs the hub, which cannot be reached now.'),
    changeContact: { ok: true, methodId: null, sent: null },
    testContact: new Error('A test page through your contact methods needs the hub, which cannot be reached now.'),
  };
  readonly contactCalls: unknown[][] = [];
  async getContact(userId?: string): Promise<ContactReply> {
    this.contactCalls.push(['getContact', userId]);
    return answerOrThrow(this.contactAnswers.getContact);
  }
  async changeContact(change: ContactChange): Promise<ContactChangeReply> {
    this.contactCalls.push(['changeContact', change]);
    return answerOrThrow(this.contactAnswers.changeContact);
  }
  async testContact(): Promise<ContactTestReply> {
    this.contactCalls.push(['testContact']);
    return answerOrThrow(this.contactAnswers.testContact);
  }

  private readonly statusPageListeners = new Set<() => void>();
  onStatusPageChanged(listener: () => void): () => void {
    this.statusPageListeners.add(listener);
    return () => this.statusPageListeners.delete(listener);
  }
  /** The hub says the status page's set-up changed. */
  emitStatusPageChanged(): void {
    for (const listener of this.statusPageListeners) listener();
  }

  /** What the status page requests answer (set by the test); an Error is thrown, as offline. */
  statusPageAnswers: {
    getStatusPage: StatusPageReply | Error;
    changeStatusPage: StatusPageChangeReply | Error;
  } = {
    getStatusPage: new Error('The status page set-up needs the hub, which cannot be reached now.'),
    changeStatusPage: { ok: true, id: null, secret: null, sent: null },
  };
  readonly statusPageCalls: unknown[][] = [];
  async getStatusPage(): Promise<StatusPageReply> {
    this.statusPageCalls.push(['getStatusPage']);
    return answerOrThrow(this.statusPageAnswers.getStatusPage);
  }
  async changeStatusPage(change: StatusPageChange): Promise<StatusPageChangeReply> {
    this.statusPageCalls.push(['changeStatusPage', change]);
    return answerOrThrow(this.statusPageAnswers.changeStatusPage);
  }

  get listenerCount(): number {
    return (
      this.listeners.size +
      this.eventListeners.size +
      this.pageListeners.size +
      this.onCallListeners.size +
      this.statusPageListeners.size
    );
  }

  emit(overrides: Partial<EngineView>): void {
    this.view = { ...this.view, ...overrides };
    for (const listener of this.listeners) listener(this.view);
  }
}

function answerOrThrow<T>(answer: T | Error): T {
  if (answer instanceof Error) throw answer;
  return answer;
}
