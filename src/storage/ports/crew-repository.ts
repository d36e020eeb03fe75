/** The port for crew assignments, their magic links, reminders and SCC event refs. */
import type { CrewAssignment, LinkRef } from '../../crew/crew-assignment.ts';

/** Another writer changed the assignment first. */
export class AssignmentConflictError extends Error {
  override readonly name = 'AssignmentConflictError';
}

export interface CrewRepository {
  /** Creates the assignment unless it exists; false when it did. */
  create(assignment: CrewAssignment): Promise<boolean>;
  get(tenantId: string, bookingId: string, personId: string): Promise<CrewAssignment | undefined>;
  /** A booking's assignments ordered by person id. */
  list(tenantId: string, bookingId: string): Promise<CrewAssignment[]>;
  /** Replaces the assignment if still at its version; throws AssignmentConflictError if not. */
  update(current: CrewAssignment, next: Omit<CrewAssignment, 'version'>): Promise<CrewAssignment>;
  /** Stores a link by its token's hash; a hash is stored once. */
  putLink(tokenHash: string, ref: LinkRef): Promise<void>;
  getLink(tokenHash: string): Promise<LinkRef | undefined>;
  /** Pending assignments whose reminder is due at or before `nowIso`, earliest first. */
  dueReminders(tenantId: string, nowIso: string): Promise<CrewAssignment[]>;
  putSccEventRef(tenantId: string, eventId: string, bookingId: string): Promise<void>;
  getSccEventRef(tenantId: string, eventId: string): Promise<string | undefined>;
}
