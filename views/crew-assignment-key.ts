/**
 * The crew DM buttons' value, `tenant|booking|person`: written by the Slack notifier
 * (src/slack/create-slack-app.ts), read by the listener (views/listeners/actions/crew-answer-buttons.ts).
 */
export function crewAssignmentKey(tenantId: string, bookingId: string, personId: string): string {
  return [tenantId, bookingId, personId].join('|');
}
