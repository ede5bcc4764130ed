import { findTemplate } from './checklist-templates.js';
import { templateChecklistDraft } from './checklist-drafts.js';
import type { CommandOf } from './commands.js';
import { accept, refuse, type Decision } from './decision.js';
import { incidentLabel, type Incident } from './incident.js';
import { LIMITS, type Person } from './primitives.js';
import { publishRefusal, type Publishers } from './publish-policy.js';

/** Checklists, the "what we've tried" log and status updates: records added to an incident over time. */

export function decideChecklist(
  incident: Incident,
  command: CommandOf<'checklist.create' | 'checklist.add_item' | 'checklist.set_item' | 'checklist.assign_item'>,
): Decision {
  const checklist = incident.checklists.find((c) => c.id === command.payload.checklistId);
  if (command.type === 'checklist.create') {
    const p = command.payload;
    if (checklist) return refuse('already_exists', `Checklist "${checklist.title}" already exists on this incident.`);
    if ('templateId' in p) {
      const template = findTemplate(p.templateId);
      if (!template) return refuse('unknown_template', `No checklist template "${p.templateId}".`);
      return accept(templateChecklistDraft(incident.id, template, p.checklistId));
    }
    const items = p.items.map((text, i) => ({ id: `${p.checklistId}-${i + 1}`, text }));
    return accept({
      type: 'checklist.created',
      incidentId: incident.id,
      payload: { checklistId: p.checklistId, title: p.title, templateId: null, items },
    });
  }
  if (!checklist)
    return refuse('not_found', `No checklist ${command.payload.checklistId} on ${incidentLabel(incident)}.`);
  const item = checklist.items.find((i) => i.id === command.payload.itemId);
  if (command.type === 'checklist.add_item') {
    if (item) return refuse('already_exists', `Item ${item.id} already exists.`);
    if (checklist.items.length >= LIMITS.checklistItems)
      return refuse(
        'limit_reached',
        `"${checklist.title}" has ${LIMITS.checklistItems} items; start another checklist.`,
      );
    return accept({ type: 'checklist.item_added', incidentId: incident.id, payload: command.payload });
  }
  if (!item) return refuse('not_found', `No item ${command.payload.itemId} in "${checklist.title}".`);
  if (command.type === 'checklist.assign_item') {
    const { owner } = command.payload;
    if ((item.owner?.id ?? null) === (owner?.id ?? null))
      return refuse('no_change', owner ? `${owner.name} already owns "${item.text}".` : `"${item.text}" has no owner.`);
    return accept({
      type: 'checklist.item_assigned',
      incidentId: incident.id,
      payload: { checklistId: checklist.id, itemId: item.id, from: item.owner, to: owner },
    });
  }
  if ((item.doneAt !== null) === command.payload.done)
    return refuse('no_change', `"${item.text}" is already ${command.payload.done ? 'done' : 'open'}.`);
  return accept({ type: 'checklist.item_set', incidentId: incident.id, payload: command.payload });
}

export function decideTried(
  incident: Incident,
  command: CommandOf<'tried.add' | 'tried.set_outcome' | 'tried.strike'>,
): Decision {
  const entry = incident.tried.find((e) => e.id === command.payload.entryId);
  if (command.type === 'tried.add') {
    if (entry) return refuse('already_exists', `Entry ${entry.id} already exists.`);
    return accept({ type: 'tried.added', incidentId: incident.id, payload: command.payload });
  }
  if (!entry) return refuse('not_found', `No entry ${command.payload.entryId} in "What we've tried".`);
  if (command.type === 'tried.strike') {
    if (entry.struck) return refuse('no_change', `"${entry.what}" is already struck out.`);
    return accept({
      type: 'tried.struck',
      incidentId: incident.id,
      payload: { entryId: entry.id, reason: command.payload.reason },
    });
  }
  if (entry.struck) return refuse('no_change', `"${entry.what}" was struck out; add a new entry instead.`);
  const { outcome, note } = command.payload;
  if (entry.outcome === outcome && !note) return refuse('no_change', `"${entry.what}" is already ${outcome}.`);
  return accept({
    type: 'tried.outcome_set',
    incidentId: incident.id,
    payload: { entryId: entry.id, from: entry.outcome, to: outcome, note },
  });
}

export function decideStatusUpdate(
  incident: Incident,
  command: CommandOf<'status_update.post'>,
  actor: Person,
  publishers: Publishers,
): Decision {
  const { publicTitle, ...p } = command.payload;
  if (incident.statusUpdates.some((u) => u.id === p.updateId))
    return refuse('already_exists', `Status update ${p.updateId} already exists.`);
  if (p.audience === 'internal') {
    if (publicTitle !== undefined)
      return refuse('invalid_command', 'A public title goes with an external update, not an internal one.');
    return accept({ type: 'status_update.posted', incidentId: incident.id, payload: p });
  }
  const notPublisher = publishRefusal(incident, actor, publishers);
  if (notPublisher) return { ok: false, error: notPublisher };
  const posted = { type: 'status_update.posted' as const, incidentId: incident.id, payload: p };
  if (publicTitle !== undefined && publicTitle !== incident.public.title)
    return accept({ type: 'incident.public_set', incidentId: incident.id, payload: { title: publicTitle } }, posted);
  if (incident.public.title === null)
    return refuse(
      'public_title_required',
      `Give ${incidentLabel(incident)} a public title first: the status page shows it, never the internal one.`,
    );
  return accept(posted);
}

/** The public title and the override: what the status page shows of the incident besides its external updates. */
export function decideSetPublic(
  incident: Incident,
  command: CommandOf<'incident.set_public'>,
  actor: Person,
  publishers: Publishers,
): Decision {
  const notPublisher = publishRefusal(incident, actor, publishers);
  if (notPublisher) return { ok: false, error: notPublisher };
  const { title, override } = command.payload;
  const payload: { title?: string; override?: typeof override } = {};
  if (title !== undefined && title !== incident.public.title) payload.title = title;
  if (override !== undefined && override !== incident.public.override) payload.override = override;
  if (Object.keys(payload).length === 0) return refuse('no_change', 'Nothing to change: the values are the same.');
  return accept({ type: 'incident.public_set', incidentId: incident.id, payload });
}
