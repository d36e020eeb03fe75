/** The CrewRepository in memory, with the DynamoDB adapter's semantics the contract names (unit tests). */
import type { CrewAssignment, LinkRef } from '../crew/crew-assignment.ts';
import { AssignmentConflictError, type CrewRepository } from './ports/crew-repository.ts';

/** Stored copies, as a table would hold them: a caller changing what it got changes nothing here. */
const copy = <T>(value: T): T => structuredClone(value);

/** DynamoDB's sort key of the due-reminder index, so ties order the same way. */
const reminderKey = (a: CrewAssignment) => `${a.nextReminderAt}#${a.bookingId}#${a.personId}`;

export class MemoryCrewStore implements CrewRepository {
  readonly #assignments = new Map<string, CrewAssignment>();
  readonly #links = new Map<string, LinkRef>();
  readonly #sccRefs = new Map<string, string>();

  async create(assignment: CrewAssignment): Promise<boolean> {
    await Promise.resolve();
    const key = `${assignment.tenantId}#${assignment.bookingId}#${assignment.personId}`;
    if (this.#assignments.has(key)) return false;
    this.#assignments.set(key, copy(assignment));
    return true;
  }

  async get(
    tenantId: string,
    bookingId: string,
    personId: string,
  ): Promise<CrewAssignment | undefined> {
    await Promise.resolve();
    const found = this.#assignments.get(`${tenantId}#${bookingId}#${personId}`);
    return found ? copy(found) : undefined;
  }

  async list(tenantId: string, bookingId: string): Promise<CrewAssignment[]> {
    await Promise.resolve();
    return [...this.#assignments.values()]
      .filter((a) => a.tenantId === tenantId && a.bookingId === bookingId)
      .sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0))
      .map(copy);
  }

  async update(
    current: CrewAssignment,
    next: Omit<CrewAssignment, 'version'>,
  ): Promise<CrewAssignment> {
    await Promise.resolve();
    const key = `${current.tenantId}#${current.bookingId}#${current.personId}`;
    if (this.#assignments.get(key)?.version !== current.version)
      throw new AssignmentConflictError(
        `assignment of ${current.personId} changed since version ${current.version}`,
      );
    const stored: CrewAssignment = { ...copy(next), version: current.version + 1 };
    this.#assignments.set(key, stored);
    return copy(stored);
  }

  async putLink(tokenHash: string, ref: LinkRef): Promise<void> {
    await Promise.resolve();
    // DynamoDB's put is conditional on the hash being new: a second link never replaces the first.
    if (this.#links.has(tokenHash))
      throw new Error(`a crew link with token hash ${tokenHash} is already stored`);
    this.#links.set(tokenHash, { ...ref });
  }

  async getLink(tokenHash: string): Promise<LinkRef | undefined> {
    await Promise.resolve();
    const found = this.#links.get(tokenHash);
    return found ? { ...found } : undefined;
  }

  async dueReminders(tenantId: string, nowIso: string): Promise<CrewAssignment[]> {
    await Promise.resolve();
    const until = `${nowIso}#~`;
    return [...this.#assignments.values()]
      .filter(
        (a) =>
          a.tenantId === tenantId &&
          a.state === 'pending' &&
          a.nextReminderAt !== null &&
          reminderKey(a) <= until,
      )
      .sort((a, b) => (reminderKey(a) < reminderKey(b) ? -1 : 1))
      .map(copy);
  }

  async putSccEventRef(tenantId: string, eventId: string, bookingId: string): Promise<void> {
    await Promise.resolve();
    this.#sccRefs.set(`${tenantId}#${eventId}`, bookingId);
  }

  async getSccEventRef(tenantId: string, eventId: string): Promise<string | undefined> {
    await Promise.resolve();
    return this.#sccRefs.get(`${tenantId}#${eventId}`);
  }
}
