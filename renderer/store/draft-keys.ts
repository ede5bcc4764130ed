/** Keys of the texts being typed (the ui slice's `drafts`), one per form field. */
export const draftKeys = {
  declareTitle: 'declare-title',
  declareImpact: 'declare-impact',
  declareService: 'declare-service',
  triedWhat: (incidentId: string) => `tried-what:${incidentId}`,
  triedHypothesis: (incidentId: string) => `tried-hypothesis:${incidentId}`,
  updateText: (incidentId: string) => `update-text:${incidentId}`,
  /** The public title typed with an incident's first external update. */
  publicTitle: (incidentId: string) => `public-title:${incidentId}`,
  /** A new public title being typed for an incident that has one. */
  publicTitleEdit: (incidentId: string) => `public-title-edit:${incidentId}`,
  severityReason: (incidentId: string) => `severity-reason:${incidentId}`,
  statusReason: (incidentId: string) => `status-reason:${incidentId}`,
  /** A field of the incident's edit form (title, summary, impact, service, impactStart), while it differs. */
  incidentEdit: (incidentId: string, field: string) => `incident-edit-${field}:${incidentId}`,
  checklistItem: (incidentId: string, checklistId: string) => `checklist-item:${incidentId}:${checklistId}`,
  followupText: (incidentId: string) => `followup-text:${incidentId}`,
  /** The chosen owner's id for a new follow-up ('' for no owner). */
  followupOwner: (incidentId: string) => `followup-owner:${incidentId}`,
  /** The merged text being edited in a postmortem's merge view. */
  postmortemMerge: (incidentId: string) => `postmortem-merge:${incidentId}`,
  /** The metrics screen's chosen period (UTC days, `to` included). */
  metricsFrom: 'metrics-from',
  metricsThrough: 'metrics-through',
} as const;
