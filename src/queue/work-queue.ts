/**
 * Where follow-up work goes. Local mode runs jobs in this process after the acknowledgement
 * (MemoryWorkQueue); on AWS they go to SQS and the worker Lambda runs them (SqsWorkQueue). Both
 * send exactly the JSON the other would, checked by the same schema.
 */
import { type Job, parseJob, serializeJob } from './jobs.ts';

export interface WorkQueue {
  /** Sends a job; resolves once it is safely queued (not when it has run). */
  send(job: Job): Promise<void>;
  /** Waits for sends started without awaiting them (event forwarding) and, in-process, for the jobs. */
  idle(): Promise<void>;
}

/**
 * Runs each job in this process, after the caller's acknowledgement, through `background` (which
 * logs failures and lets tests and shutdown wait). The job goes through JSON and the schema
 * first, exactly as it would through SQS, so local mode catches a job that would not serialize.
 */
export class MemoryWorkQueue implements WorkQueue {
  readonly #run: (job: Job) => Promise<void>;
  readonly #background: (work: () => Promise<unknown>) => void;
  readonly #running = new Set<Promise<unknown>>();

  constructor(
    run: (job: Job) => Promise<void>,
    background: (work: () => Promise<unknown>) => void,
  ) {
    this.#run = run;
    this.#background = background;
  }

  async send(job: Job): Promise<void> {
    const copy = parseJob(serializeJob(job));
    this.#background(() => {
      const running = this.#run(copy);
      this.#running.add(running);
      return running.finally(() => this.#running.delete(running));
    });
  }

  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}
