/** Jobs: the schema every queued message passes, and the in-process queue local mode uses. */
import { describe, expect, it } from 'vitest';
import { InvalidJobError, type Job, parseJob, serializeJob } from '../../src/queue/jobs.ts';
import { MemoryWorkQueue } from '../../src/queue/work-queue.ts';

const RETRY: Job = { type: 'pipeline.retry', tenantId: 'queen-of-san-diego', bookingId: 'B1' };

function problemsOf(body: string): string[] {
  try {
    parseJob(body);
  } catch (error) {
    if (error instanceof InvalidJobError) return error.problems;
    throw error;
  }
  throw new Error('expected parseJob to refuse the body');
}

describe('parseJob', () => {
  it('reads back what serializeJob wrote', () => {
    expect(parseJob(serializeJob(RETRY))).toEqual(RETRY);
  });

  it('says what is wrong with a message that is not a job', () => {
    expect(problemsOf('not json')).toEqual(['the message body is not JSON']);
    expect(problemsOf('{"type":"pipeline.launch"}')[0]).toMatch(/^type: /);
    expect(
      problemsOf('{"type":"draft.approve","tenantId":"queen-of-san-diego","threadTs":"x"}'),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^draftId: /),
        expect.stringMatching(/^threadTs: .*Slack message ts/),
        expect.stringMatching(/^submission: /),
      ]),
    );
  });

  it('refuses to serialize a job that would not parse', () => {
    expect(() => serializeJob({ ...RETRY, bookingId: '' })).toThrow(InvalidJobError);
  });
});

describe('MemoryWorkQueue', () => {
  it('runs each job after send returns, on a JSON copy, and idle waits for it', async () => {
    const ran: Job[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const background: Array<Promise<unknown>> = [];
    const queue = new MemoryWorkQueue(
      async (job) => {
        await gate;
        ran.push(job);
      },
      (work) => {
        background.push(work());
      },
    );
    const job = { ...RETRY, extra: 'dropped by the schema' } as Job;

    await queue.send(job);
    expect(ran).toEqual([]);
    release();
    await queue.idle();

    expect(ran).toEqual([RETRY]);
    expect(ran[0]).not.toBe(job);
    expect(background).toHaveLength(1);
  });

  it('refuses a malformed job at send, before anything runs', async () => {
    const queue = new MemoryWorkQueue(
      async () => undefined,
      () => undefined,
    );
    await expect(queue.send({ ...RETRY, tenantId: '' })).rejects.toThrow(/tenantId/);
  });
});
