/** Keys of the texts being typed (the ui slice's `drafts`), one per form field. */
export const draftKeys = {
  declareTitle: 'declare-title',
  declareImpact: 'declare-impact',
  declareService: 'declare-service',
  triedWhat: (incidentId: string) => `tried-what:${incidentId}`,
  triedHypothesis: (incidentId: string) => `tried-hypothesis:${incidentId}`,
  updateText: (incidentId: string) => `update-text:${incidentId}`,
  severityReason: (incidentId: string) => `severity-reason:${incidentId}`,
  statusReason: (incidentId: string) => `status-reason:${incidentId}`,
  checklistItem: (incidentId: string, checklistId: string) => `checklist-item:${incidentId}:${checklistId}`,
} as const;
