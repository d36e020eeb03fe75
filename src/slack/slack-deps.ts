/** What every Slack listener may use: the ports it reads and writes, passed in, never imported. */
import type { Config } from '../config/config.ts';
import type { Logger } from '../logging/logger.ts';
import type { PipelineDeps } from '../pipeline/pipeline-deps.ts';
import type { PipelineEvent } from '../pipeline/step-record.ts';
import type { Job } from '../queue/jobs.ts';
import type { ReportPorts } from '../reports/report-sources.ts';
import type { BookingStore } from '../storage/ports/booking-store.ts';
import type { CloseOutRepository } from '../storage/ports/closeout-repository.ts';
import type { CrewRepository } from '../storage/ports/crew-repository.ts';
import type { DraftRepository } from '../storage/ports/draft-repository.ts';
import type { InstallationRepository } from '../storage/ports/installation-repository.ts';
import type { TenantRegistry } from '../tenants/tenant-registry.ts';
import type { Tenant } from '../tenants/tenant-schema.ts';
import type { CharterThread } from './charter-thread.ts';
import type { SlackRouting } from './tenant-routing.ts';
import type { WorkspaceInstallers } from './workspace-installers.ts';

/** A subscriber to pipeline and crew events. */
export type PipelineEventListener = (
  tenantId: string,
  bookingId: string,
  event: PipelineEvent,
) => void;

/**
 * What the composition root (src/runtime/) builds once and hands the Slack layer: ports, not the
 * runtime. The pipeline's dependencies are here for the jobs, which run the pipeline; listeners
 * get only the narrow parts (SlackDeps).
 */
export interface SlackPorts {
  bookings: BookingStore;
  crew: CrewRepository;
  drafts: DraftRepository;
  closeOuts: CloseOutRepository;
  pipeline: PipelineDeps;
  /** The P&L's close-outs and chart links (approvers only: /charter report, App Home's Money). */
  reports: ReportPorts;
  /** Adds a subscriber to pipeline and crew events (the charter thread); returns its removal. */
  subscribe(listener: PipelineEventListener): () => void;
  /** Slack installations (OAuth installs); unset: one workspace with SLACK_BOT_TOKEN. */
  installations?: InstallationRepository;
}

export interface SlackDeps {
  config: Config;
  tenants: TenantRegistry;
  bookings: BookingStore;
  crew: CrewRepository;
  drafts: DraftRepository;
  reports: ReportPorts;
  /** Charters' close-outs (actual hours and costs; approvers only). */
  closeOuts: CloseOutRepository;
  /** Public URLs of a booking's pages, for links in messages. */
  guestPageUrl(tenant: Tenant, slug: string): string;
  crewPageUrl(tenant: Tenant, slug: string): string;
  /** Reports a crew answer taken in Slack, as the pipeline reports its events. */
  onEvent?: PipelineEventListener;
  routing: SlackRouting;
  /** Who installed deckhand into a workspace (an admin of its business); default: none known. */
  installers: WorkspaceInstallers;
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

/** What the queued jobs use: the listeners' deps and the pipeline's, which they run. */
export interface JobDeps extends SlackDeps {
  pipeline: PipelineDeps;
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
