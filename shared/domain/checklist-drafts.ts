import { templateItemId, type ChecklistTemplate } from './checklist-templates.js';
import type { EventDraft } from './events.js';

/** Checklists made from a template get the id `tpl-<template>`, so each template is used once per incident. */
export function templateChecklistId(template: ChecklistTemplate): string {
  return `tpl-${template.id}`;
}

export function templateChecklistDraft(
  incidentId: string,
  template: ChecklistTemplate,
  checklistId = templateChecklistId(template),
): EventDraft {
  return {
    type: 'checklist.created',
    incidentId,
    payload: {
      checklistId,
      title: template.title,
      templateId: template.id,
      items: template.items.map((text, i) => ({ id: templateItemId(checklistId, i), text })),
    },
  };
}
