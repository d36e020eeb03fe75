/** A crew member's assignment to one charter: their answer, its history, and their link. */
import type { CrewRole } from '../tenants/tenant-schema.ts';
import type { CrewBriefing } from './crew-notifier.ts';

export const assignmentStates = ['pending', 'confirmed', 'declined', 'replaced'] as const;
export type AssignmentState = (typeof assignmentStates)[number];

export type AssignmentAction =
  | 'issued'
  | 'confirmed'
  | 'declined'
  | 'reminded'
  | 'replaced'
  | 'changed';

/** One entry of an assignment's history; every answer is kept, not only the last. */
export interface AssignmentHistoryEntry {
  at: string;
  action: AssignmentAction;
  reason?: string | undefined;
  /** How the answer came: the magic link, a Slack button, SCC's hook, or ops. */
  via?: 'link' | 'slack' | 'hook' | 'ops' | undefined;
}

export interface CrewAssignment {
  tenantId: string;
  bookingId: string;
  personId: string;
  role: CrewRole;
  state: AssignmentState;
  /** Bumped by every change; answers are conditional on it. */
  version: number;
  history: AssignmentHistoryEntry[];
  /** The magic link works until then (the charter's end plus a grace period), epoch ms. */
  linkExpiresAt: number;
  /** Who delivers the link: deckhand (built-in SCC) or the external SCC. */
  delivery: 'deckhand' | 'scc';
  /** When the next reminder is due (ISO), or null when none is. */
  nextReminderAt: string | null;
  remindersSent: number;
  /** What the person was last told, to know when a change needs telling. */
  briefing: CrewBriefing;
  /**
   * When deckhand sent the assignment message; null while it is still to be sent (a run that
   * stopped between storing the assignment and sending resumes there). Absent: not tracked
   * (the external SCC sends links, or the assignment predates this field).
   */
  notifiedAt?: string | null;
  createdAt: string;
  updatedAt: string;
}

/** What a magic-link token resolves to. Only the token's SHA-256 is ever stored. */
export interface LinkRef {
  tenantId: string;
  bookingId: string;
  personId: string;
  expiresAt: number;
}
