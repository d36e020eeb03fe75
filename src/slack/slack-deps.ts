/** What every Slack listener may use: passed in, never imported as globals. */
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { Job } from '../queue/jobs.ts';
import type { DeckhandRuntime } from '../runtime/deckhand-runtime.ts';
import type { DraftRepository } from '../storage/ports/draft-repository.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { CharterThread } from './charter-thread.ts';
import type { SlackRouting } from './tenant-routing.ts';

export interface SlackDeps {
  config: Config;
  tenants: TenantRegistry;
  runtime: DeckhandRuntime;
  drafts: DraftRepository;
  routing: SlackRouting;
  thread: CharterThread;
  logger: Logger;
  clock(): Date;
  /** Runs work after the listener has acknowledged, logging any failure; tests can wait for it. */
  background(work: () => Promise<unknown>): void;
  /**
   * Hands a listener's follow-up work to the work queue (src/queue/): run in this process after
   * the acknowledgement locally, by the worker Lambda on AWS. Resolves once the job is queued.
   */
  enqueue(job: Job): Promise<void>;
}

/** Slack's team of a request: the context team for Slack Connect and org installs. */
export function teamOf(body: Record<string, unknown>): string | undefined {
  const team = body.team as { id?: string } | string | undefined;
  return (
    (body.context_team_id as string | undefined) ??
    (body.team_id as string | undefined) ??
    (typeof team === 'string' ? team : team?.id) ??
    (body.user as { team_id?: string } | undefined)?.team_id
  );
}
