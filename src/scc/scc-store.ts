/**
 * Where the built-in SCC keeps events: keyed by tenant, in the wire shape SCC returns, with
 * single-item conditional writes only (no transactions: dynalite has none).
 */
import type { SccEvent } from './scc-contract.ts';

/** An event as stored and as get_event returns it. crew_ids and captain_id are kept for the crew-assignment work. */
export type StoredSccEvent = SccEvent & {
  tenant_id: string;
  created_at: string;
  updated_at: string;
};

export type SccMoneyField = 'revenue' | 'crew_rate' | 'captain_rate';

/** A patch: fields to set and money fields to remove (DynamoDB SET and REMOVE). */
export interface SccEventChanges {
  set: Partial<
    Pick<
      SccEvent,
      | 'event_name'
      | 'start_time'
      | 'duration_hours'
      | 'crew_ids'
      | 'captain_id'
      | 'notes'
      | 'status'
    >
  >;
  remove: SccMoneyField[];
  updatedAt: string;
}

export interface SccStore {
  /** Writes a new event unless one with its id exists (`attribute_not_exists`); false when it did. */
  create(event: StoredSccEvent): Promise<boolean>;
  get(tenantId: string, eventId: string): Promise<StoredSccEvent | undefined>;
  /** Applies the changes if the event exists (`attribute_exists`); undefined when it does not. */
  patch(
    tenantId: string,
    eventId: string,
    changes: SccEventChanges,
  ): Promise<StoredSccEvent | undefined>;
}
