/**
 * A CPU profile of deckhand's Slack app process under one kind of acknowledgement load (the
 * bench's ack-server child, the same recorded request, 20 clients), of the load window only:
 *   node --import tsx bench/profile/ack-profile.ts action /tmp/action.cpuprofile [requests]
 * then `node --import tsx bench/profile/top.ts /tmp/action.cpuprofile 15`.
 */
import '../lib/quiet.ts';
import type { AckServerInfo, RecordedRequest } from '../children/ack-server.ts';
import { startChild } from '../lib/child.ts';
import { cpuMs } from '../lib/cpu.ts';
import { runLoad } from '../lib/load.ts';

const kind = (process.argv[2] ?? 'action') as 'command' | 'action' | 'view';
const file = process.argv[3] ?? `/tmp/ack-${kind}.cpuprofile`;
const count = Number(process.argv[4] ?? 1000);
const child = await startChild('ack-server', ['real']);
try {
  const info = await child.call<AckServerInfo>('setup');
  const request = (info.requests as Record<typeof kind, RecordedRequest>)[kind];
  const load = () =>
    runLoad({
      url: info.url,
      secret: info.secret,
      contentType: request.contentType,
      body: request.body,
      count,
      concurrency: 20,
      check: (status) => status === 200,
    });
  await load();
  await child.call('idle');
  await child.call('cpuProfileStart');
  const before = cpuMs(child.pid);
  const r = await load();
  await child.call('idle');
  const cpu = cpuMs(child.pid) - before;
  await child.call('cpuProfileStop', { file });
  process.stdout.write(
    `${kind}: ${count} requests, ${r.errors} errors, ${(cpu / count).toFixed(2)} ms CPU per request; profile in ${file}\n`,
  );
} finally {
  await child.close();
}
