/**
 * dynalite (the DynamoDB API) and s3rver (the S3 API) on 127.0.0.1, with their files under one
 * data folder: AWS for local runs and tests, no Docker, no account. By default they run in a
 * child process of their own (`stores-process.mjs`), so their CPU (request parsing, LevelDB,
 * about a third of a DynamoDB request's cost) is not taken from the event loop of the app that
 * answers Slack; `inProcess: true` runs them in this process, as before.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type S3rver from 's3rver';

/**
 * What clients sign with: dynalite accepts any credentials, s3rver checks signatures against
 * its default account. Fixed ones also keep the SDK from looking for real ones.
 */
export const EMBEDDED_AWS_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface EmbeddedAwsOptions {
  /** DynamoDB's LevelDB goes in `<dataDir>/dynamodb`, S3's objects in `<dataDir>/s3`. */
  dataDir: string;
  /** 0 (the default): any free port. */
  ports?: { dynamodb?: number; s3?: number };
  /** Run the stores in this process instead of their own child process. */
  inProcess?: boolean;
}

export interface EmbeddedAws {
  /** E.g. http://127.0.0.1:PORT: the `endpoint` of a DynamoDBClient. */
  dynamodbEndpoint: string;
  /** E.g. http://127.0.0.1:PORT: the `endpoint` of an S3Client (with forcePathStyle). */
  s3Endpoint: string;
  /**
   * Stops both stores and starts them again on the same ports and files, waiting `downMs` in
   * between: the stores restarting under a running app, as a real outage would.
   */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
  /** The stores' own process, when they run in one. */
  pid?: number | undefined;
}

interface Stores {
  dynamo: Server;
  s3: S3rver;
  ports: { dynamodb: number; s3: number };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port));
  });
}

async function startStores(
  dataDir: string,
  ports: { dynamodb: number; s3: number },
): Promise<Stores> {
  // Loaded here, not at the top: a bundle that imports this package but never starts the
  // stores (deckhand's Lambda functions) can leave the emulators and their native LevelDB out.
  const [{ default: dynalite }, { default: S3rverServer }] = await Promise.all([
    import('dynalite'),
    import('s3rver'),
  ]);
  const dynamo = dynalite({
    path: join(dataDir, 'dynamodb'),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  let s3: S3rver | undefined;
  try {
    const dynamoPort = await listen(dynamo, ports.dynamodb);
    s3 = new S3rverServer({
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

async function stopStores(stores: Stores): Promise<void> {
  await stores.s3.close();
  await new Promise<void>((done) => stores.dynamo.close(() => done()));
}

type Reply = { type?: string; id?: number; ok?: boolean; error?: string; ports?: Stores['ports'] };

/** The stores in their own process: forked bare (no loader, no inspector flags), IPC only. */
async function startStoresProcess(
  dataDir: string,
  ports: { dynamodb: number; s3: number },
): Promise<EmbeddedAws> {
  const child: ChildProcess = fork(
    fileURLToPath(new URL('./stores-process.mjs', import.meta.url)),
    [dataDir, String(ports.dynamodb), String(ports.s3)],
    { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const ready = await new Promise<Stores['ports']>((done, fail) => {
    const onExit = (code: number | null) =>
      fail(new Error(`the embedded stores' process exited (${code}) before it was ready`));
    child.once('exit', onExit);
    child.once('message', (m: Reply) => {
      child.off('exit', onExit);
      if (m.type === 'ready' && m.ports) done(m.ports);
      else fail(new Error(m.error ?? 'the embedded stores did not start'));
    });
  });
  let nextId = 1;
  const call = (message: Record<string, unknown>) =>
    new Promise<void>((done, fail) => {
      if (!child.connected) {
        fail(new Error("the embedded stores' process is gone"));
        return;
      }
      const id = nextId++;
      const onMessage = (m: Reply) => {
        if (m.id !== id) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (m.error !== undefined) fail(new Error(m.error));
        else done();
      };
      const onExit = () => {
        child.off('message', onMessage);
        fail(new Error("the embedded stores' process exited"));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
      child.send({ ...message, id });
    });
  return {
    dynamodbEndpoint: `http://127.0.0.1:${ready.dynamodb}`,
    s3Endpoint: `http://127.0.0.1:${ready.s3}`,
    pid: child.pid,
    restart: (downMs = 0) => call({ type: 'restart', downMs }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // Asked to stop, it closes both stores and exits; if it cannot answer, it is killed.
        await call({ type: 'stop' }).catch(() => child.kill('SIGKILL'));
        await exited;
      }
    },
  };
}

/** Starts both stores; their files stay in `dataDir` after `stop` for the next start. */
export async function startEmbeddedAws(options: EmbeddedAwsOptions): Promise<EmbeddedAws> {
  const dataDir = resolve(options.dataDir);
  await mkdir(join(dataDir, 'dynamodb'), { recursive: true });
  await mkdir(join(dataDir, 's3'), { recursive: true });
  if (!options.inProcess)
    return startStoresProcess(dataDir, {
      dynamodb: options.ports?.dynamodb ?? 0,
      s3: options.ports?.s3 ?? 0,
    });
  let stores = await startStores(dataDir, {
    dynamodb: options.ports?.dynamodb ?? 0,
    s3: options.ports?.s3 ?? 0,
  });
  return {
    dynamodbEndpoint: `http://127.0.0.1:${stores.ports.dynamodb}`,
    s3Endpoint: `http://127.0.0.1:${stores.ports.s3}`,
    async restart(downMs = 0) {
      await stopStores(stores);
      await new Promise((resolveWait) => setTimeout(resolveWait, downMs));
      stores = await startStores(dataDir, stores.ports);
    },
    stop: () => stopStores(stores),
  };
}
