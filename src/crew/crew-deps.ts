/** What crew code is handed: the crew store, how crew are told and where their links point. */
import type { CrewRepository } from '../storage/ports/crew-repository.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { CrewNotifier } from './crew-notifier.ts';

/** The crew side: assignments, their magic links and how crew are told. */
export interface CrewDeps {
  store: CrewRepository;
  notifier: CrewNotifier;
  /** The public URL of a magic link. */
  linkUrl(tenant: Tenant, token: string): string;
  /** deckhand sends the links (built-in SCC), or the external SCC does and reports answers. */
  delivery: 'deckhand' | 'scc';
}
