/**
 * 2b and 3. The thread: time from submitting the approval to the status message, and from a
 * crew member's Confirm (magic link POST) to the status message showing it.
 */
import { startChild } from '../lib/child.ts';
import { median, round, summary } from '../lib/stats.ts';
import { COALESCE_MS, POST_INTERVAL_MS } from '../lib/thread-timing.ts';

export async function measureSlackFlow(options: {
  isolatedBookings: number;
  burstBookings: number;
  log: (s: string) => void;
}) {
  const child = await startChild('slack-flow');
  try {
    const rtt = await child.call<{ post: number[]; update: number[] }>('roundTrips', { count: 20 });
    type Approvals = { firstShow: number[]; ack: number[] };
    const first = await child.call<Approvals>(
      'approvals',
      { count: options.isolatedBookings },
      180_000,
    );
    const isolated = await child.call<number[]>('answersIsolated', undefined, 180_000);
    options.log(`  approvals ${first.firstShow.length}, isolated answers ${isolated.length}`);
    const more = await child.call<Approvals>(
      'approvals',
      { count: options.burstBookings },
      180_000,
    );
    const firstShow = [...first.firstShow, ...more.firstShow];
    const submitAck = [...first.ack, ...more.ack];
    const burst = await child.call<number[]>('answersBurst', undefined, 180_000);
    const burstCalls = await child.call<unknown>('lastBurst');
    const postRtt = median(rtt.post);
    const updateRtt = median(rtt.update);
    return {
      coalesceMs: COALESCE_MS,
      postIntervalMs: POST_INTERVAL_MS,
      roundTripMs: { postMessage: round(postRtt), update: round(updateRtt) },
      statusFirstShow: { ...summary(firstShow), samples: firstShow },
      /** The same submissions' acknowledgements (the modal closes): the rest runs after them. */
      submitAck: { ...summary(submitAck), samples: submitAck },
      crewAnswerIsolated: { ...summary(isolated), samples: isolated },
      crewAnswerBurst: { ...summary(burst), samples: burst, lastBurstCalls: burstCalls },
      /** The floor of a crew answer's update: the coalescing window plus one chat.update. */
      crewAnswerFloorMs: round(COALESCE_MS + updateRtt),
    };
  } finally {
    await child.close();
  }
}
