/**
 * A closed-loop HTTP load generator: `concurrency` clients, each sending its next request as
 * soon as the previous answer is read, over keep-alive connections on loopback. Every request
 * is signed as Slack signs it (v0 HMAC of `v0:<timestamp>:<body>`), with the current time.
 */
import { Agent, request } from 'node:http';
import { signSlackRequest } from '@deckhand/slack-standin';

export interface LoadResult {
  /** Milliseconds from sending the request to the end of the response, successful ones only. */
  latencies: number[];
  errors: number;
  errorSamples: string[];
  wallMs: number;
}

export interface LoadSpec {
  url: string;
  secret: string;
  contentType: string;
  body: string;
  count: number;
  concurrency: number;
  /** True when the answer is the one expected (status and body). */
  check(status: number, body: string): boolean;
  timeoutMs?: number;
}

function once(
  agent: Agent,
  spec: Omit<LoadSpec, 'concurrency'>,
): Promise<{ ms: number; ok: boolean; detail: string }> {
  const url = new URL(spec.url);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = signSlackRequest(spec.secret, spec.body, timestamp);
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': spec.contentType,
          'content-length': Buffer.byteLength(spec.body),
          'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signature,
        },
        timeout: spec.timeoutMs ?? 5_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          const ok = spec.check(status, body);
          resolve({ ms: elapsed(), ok, detail: ok ? '' : `${status} ${body.slice(0, 200)}` });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ ms: elapsed(), ok: false, detail: String(error) }));
    req.end(spec.body);
  });
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  let issued = 0;
  const started = process.hrtime.bigint();
  const client = async () => {
    while (issued < spec.count) {
      issued += 1;
      const r = await once(agent, spec);
      if (r.ok) latencies.push(r.ms);
      else {
        errors += 1;
        if (errorSamples.length < 5) errorSamples.push(r.detail);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.concurrency }, client));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  agent.destroy();
  return { latencies, errors, errorSamples, wallMs };
}

/**
 * An open-loop load: requests leave at a steady `ratePerSecond` whether or not earlier ones
 * were answered, as Slack sends them. Latency counts from each request's scheduled time, so a
 * server that falls behind is charged for the wait (no coordinated omission).
 */
export async function runSteady(
  spec: Omit<LoadSpec, 'concurrency'> & { ratePerSecond: number },
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const interval = 1000 / spec.ratePerSecond;
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < spec.count; i += 1) {
    const scheduled = start + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    pending.push(
      once(agent, spec).then((r) => {
        const ms = performance.now() - scheduled;
        if (r.ok) latencies.push(ms);
        else {
          errors += 1;
          if (errorSamples.length < 5) errorSamples.push(r.detail);
        }
      }),
    );
  }
  await Promise.all(pending);
  const wallMs = performance.now() - start;
  agent.destroy();
  return { latencies, errors, errorSamples, wallMs };
}
