import type { CommandRequest } from '../../shared/domain/commands.js';
import type { SendResult } from '../../shared/sync/engine-view.js';
import type { ActionDeps } from './action-deps.js';
import { errorText, readable, type ActionResult } from './action-results.js';
import { payloadProblem } from './input-problems.js';

/**
 * Every incident command the UI sends goes through `command`: its payload's type follows from `type`
 * (CommandRequest is a union discriminated by it). It is checked with the hub's own schema first, so a malformed
 * one is refused here, in words, and never sent or queued.
 */
export function createIncidentCommands({ getHost }: Pick<ActionDeps, 'getHost'>) {
  return {
    async command(request: CommandRequest): Promise<ActionResult> {
      const problem = payloadProblem(request.type, request.payload);
      if (problem) return { ok: false, message: problem };
      let result: SendResult;
      try {
        result = await getHost().api.sendCommand(request);
      } catch (error) {
        return { ok: false, message: `Not sent: ${errorText(error)}` };
      }
      return result.ok ? { ok: true } : { ok: false, message: readable(result.error.message) };
    },
  };
}

export type IncidentCommands = ReturnType<typeof createIncidentCommands>;
