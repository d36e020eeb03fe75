/**
 * The embedded stores' own process (forked by embedded-aws.ts): dynalite and s3rver on
 * 127.0.0.1, so their request parsing, LevelDB and file work never run in the event loop of
 * the app that answers Slack. Plain JavaScript, so it starts with a bare `node` (no loader).
 *
 * argv: dataDir, dynamodb port, s3 port (0: any free one). Messages from the parent:
 * { id, type: 'restart', downMs } and { id, type: 'stop' }; each answered { id, ok } or
 * { id, error }. First message to the parent: { type: 'ready', ports } or { type: 'failed', error }.
 * When the parent goes away (exit, crash, SIGKILL) the IPC channel closes and this process exits,
 * which releases the LevelDB lock for the next owner of the data folder.
 */
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';

const [dataDir, dynamoPortArg, s3PortArg] = process.argv.slice(2);
process.on('disconnect', () => process.exit(0));

function listen(server, port) {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePort(server.address().port));
  });
}

async function startStores(ports) {
  const dynamo = dynalite({
    path: join(dataDir, 'dynamodb'),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  let s3;
  try {
    const dynamoPort = await listen(dynamo, ports.dynamodb);
    s3 = new S3rver({
      address: '127.0.0.1',
      port: ports.s3,
      directory: join(dataDir, 's3'),
      silent: true,
    });
    const s3Address = await s3.run();
    return { dynamo, s3, ports: { dynamodb: dynamoPort, s3: s3Address.port } };
  } catch (error) {
    await s3?.close().catch(() => undefined);
    dynamo.close();
    throw error;
  }
}

async function stopStores(stores) {
  await stores.s3.close();
  await new Promise((done) => stores.dynamo.close(() => done()));
}

const message = (error) => (error instanceof Error ? error.message : String(error));
let stores;
try {
  stores = await startStores({ dynamodb: Number(dynamoPortArg), s3: Number(s3PortArg) });
  process.send({ type: 'ready', ports: stores.ports });
} catch (error) {
  process.send({ type: 'failed', error: message(error) }, () => process.exit(1));
}

process.on('message', async (m) => {
  try {
    if (m.type === 'restart') {
      await stopStores(stores);
      await new Promise((wait) => setTimeout(wait, m.downMs ?? 0));
      stores = await startStores(stores.ports);
      process.send({ id: m.id, ok: true });
    } else if (m.type === 'stop') {
      await stopStores(stores);
      process.send({ id: m.id, ok: true }, () => process.exit(0));
    }
  } catch (error) {
    process.send({ id: m.id, error: message(error) });
  }
});
