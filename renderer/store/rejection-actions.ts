import type { RejectedCommand } from '../../shared/sync/outbox.js';
import type { ActionDeps } from './action-deps.js';
import { draftKeys } from './draft-keys.js';
import { payloadField } from './payload-field.js';

/** Commands the hub refused: dismissing them, or putting their text back in the form ("Edit again"). */
export function createRejectionActions({ store, getHost }: Pick<ActionDeps, 'store' | 'getHost'>) {
  const api = () => getHost().api;
  return {
    async dismissRejection(commandId: string): Promise<void> {
      await api().dismissRejection(commandId);
    },

    /** Puts what the person typed in a refused command back in its form, and dismisses the refusal. */
    async editAgain(rejected: RejectedCommand): Promise<void> {
      const { command } = rejected;
      const text = (key: string): string => {
        const value = payloadField(command.payload, key);
        return typeof value === 'string' ? value : '';
      };
      const s = store.getState();
      switch (command.type) {
        case 'incident.declare':
          s.setDraft(draftKeys.declareTitle, text('title'));
          s.setDraft(draftKeys.declareImpact, text('impact'));
          s.setDraft(draftKeys.declareService, text('service'));
          break;
        case 'tried.add':
          s.setDraft(draftKeys.triedWhat(command.incidentId), text('what'));
          s.setDraft(draftKeys.triedHypothesis(command.incidentId), text('hypothesis'));
          break;
        case 'status_update.post':
          s.setDraft(draftKeys.updateText(command.incidentId), text('text'));
          break;
        case 'checklist.add_item':
          s.setDraft(draftKeys.checklistItem(command.incidentId, text('checklistId')), text('text'));
          break;
        case 'incident.change_severity':
          s.setDraft(draftKeys.severityReason(command.incidentId), text('reason'));
          break;
        case 'incident.change_status':
          s.setDraft(draftKeys.statusReason(command.incidentId), text('reason'));
          break;
        case 'followup.add': {
          s.setDraft(draftKeys.followupText(command.incidentId), text('text'));
          const owner = payloadField(command.payload, 'owner');
          if (typeof owner === 'object' && owner !== null && 'id' in owner && typeof owner.id === 'string')
            s.setDraft(draftKeys.followupOwner(command.incidentId), owner.id);
          break;
        }
      }
      await api().dismissRejection(command.commandId);
    },
  };
}
