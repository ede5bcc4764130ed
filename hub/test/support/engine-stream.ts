import type { TestEngine } from './engine.js';
import { uid } from './test-client.js';

export interface EngineStream {
  /** Per engine, the command ids in the order it queued them: a declare (four events), then tried entries (one). */
  readonly sent: string[][];
  /** Stops queuing and resolves once every engine's loop has ended (queued commands still go out). */
  stop(): Promise<void>;
}

/** Each engine declares its own incident, then queues a tried entry every `pauseMs` until stopped, as a person would. */
export function streamCommands(engines: readonly TestEngine[], pauseMs: number): EngineStream {
  const sent: string[][] = engines.map(() => []);
  let stopped = false;
  const loops = engines.map(async ({ engine }, n) => {
    const incidentId = uid();
    const declared = engine.send('incident.declare', incidentId, { title: `Stream ${n}`, severity: 'SEV-2' });
    if (!declared.ok) throw new Error(declared.error.message);
    sent[n]?.push(declared.commandId);
    for (let i = 0; !stopped; i++) {
      const result = engine.send('tried.add', incidentId, { entryId: `e${n}-${i}`, what: `Attempt ${n}.${i}` });
      if (!result.ok) throw new Error(result.error.message);
      sent[n]?.push(result.commandId);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  });
  return {
    sent,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** How many events each command of a stream leaves in the log: four for the declare, one for each entry. */
export function expectedEvents(commands: readonly string[]): number[] {
  return commands.map((_, i) => (i === 0 ? 4 : 1));
}
