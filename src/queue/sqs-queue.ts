/** The work queue on AWS: one SQS message per job, consumed by the worker Lambda. */
import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { type Job, serializeJob } from './jobs.ts';
import type { WorkQueue } from './work-queue.ts';

export class SqsWorkQueue implements WorkQueue {
  readonly #sqs: SQSClient;
  readonly #queueUrl: string;
  readonly #sending = new Set<Promise<void>>();

  constructor(sqs: SQSClient, queueUrl: string) {
    this.#sqs = sqs;
    this.#queueUrl = queueUrl;
  }

  send(job: Job): Promise<void> {
    const sending = this.#sqs
      .send(new SendMessageCommand({ QueueUrl: this.#queueUrl, MessageBody: serializeJob(job) }))
      .then(() => undefined);
    this.#sending.add(sending);
    void sending.then(
      () => this.#sending.delete(sending),
      () => this.#sending.delete(sending),
    );
    return sending;
  }

  /** A Lambda calls this before returning: the environment freezes right after. */
  async idle(): Promise<void> {
    while (this.#sending.size > 0) await Promise.allSettled([...this.#sending]);
  }
}
