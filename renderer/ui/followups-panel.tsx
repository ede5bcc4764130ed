/** Follow-up actions: to be built (issue 6). */
export function FollowupsPanel(_props: { incidentId: string }) {
  return null;
}
