/**
 * The embedded local stack: dynalite (DynamoDB API) and s3rver (S3 API) in this process, on
 * 127.0.0.1, with their files under the data folder. One process owns a data folder at a time
 * (a lock file holds its pid); it writes `stack.json` so other deckhand processes (the CLI
 * while `npm start` runs) use its stores instead of opening the same files.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import type S3rver from 's3rver';
import { DeckhandError } from '../errors.ts';

export interface StackInfo {
  pid: number;
  dynamodbEndpoint: string;
  s3Endpoint: string;
  /** The HTTP server of the process that owns the stack, once it listens. */
  httpUrl?: string | undefined;
}

export interface EmbeddedStack {
  info: StackInfo;
  /** Records the owning process's HTTP URL in stack.json for other processes. */
  advertise(httpUrl: string): Promise<void>;
  /**
   * Stops both stores and starts them again on the same ports and files, waiting `downMs` in
   * between: the stores restarted under a running app (test/reliability/stores-restart.test.ts).
   */
  restart(downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Another live process owns the data folder. */
export class StackBusyError extends DeckhandError {
  override readonly name = 'StackBusyError';
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive but not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const lockPath = (dataDir: string) => join(dataDir, 'stack.lock');
const infoPath = (dataDir: string) => join(dataDir, 'stack.json');

/** The stack another live process runs on this data folder, if any. */
export async function findRunningStack(dataDir: string): Promise<StackInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(infoPath(resolve(dataDir)), 'utf8')) as StackInfo;
    return info.pid !== process.pid && isAlive(info.pid) ? info : undefined;
  } catch {
    return undefined;
  }
}

async function takeLock(dataDir: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(lockPath(dataDir), String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(await readFile(lockPath(dataDir), 'utf8').catch(() => 'NaN'));
      if (Number.isInteger(holder) && isAlive(holder)) {
        throw new StackBusyError(
          'stack_busy',
          `Another deckhand (pid ${holder}) is using the data folder ${dataDir}.`,
          {
            hint: 'Stop it, or use its stack (the CLI does this by itself when stack.json is present), or set DECKHAND_DATA_DIR to another folder.',
          },
        );
      }
      // A stale lock from a process that died: take it over.
      await rm(lockPath(dataDir), { force: true });
    }
  }
  throw new StackBusyError('stack_busy', `Could not lock the data folder ${dataDir}.`);
}

function listen(server: Server, port = 0): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolvePort((server.address() as AddressInfo).port));
  });
}

/** dynalite (its LevelDB under `dataDir/dynamodb`) and s3rver, on the given ports (0: any). */
async function startStores(
  dataDir: string,
  ports: { dynamo: number; s3: number },
): Promise<{ dynamo: Server; s3: S3rver; ports: { dynamo: number; s3: number } }> {
  // Loaded here, not at the top: the Lambda bundles leave the emulators (and their native
  // LevelDB modules) out, and never start them.
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
    const dynamoPort = await listen(dynamo, ports.dynamo);
    s3 = new S3rverServer({
      address: '127.0.0.1',
      port: ports.s3,
      directory: join(dataDir, 's3'),
      silent: true,
    });
    const s3Address = await s3.run();
    return { dynamo, s3, ports: { dynamo: dynamoPort, s3: s3Address.port } };
  } catch (error) {
    await s3?.close().catch(() => undefined);
    dynamo.close();
    throw error;
  }
}

async function stopStores(stores: { dynamo: Server; s3: S3rver }): Promise<void> {
  await stores.s3.close();
  await new Promise<void>((done) => stores.dynamo.close(() => done()));
}

/** Starts dynalite and s3rver on loopback with their files under `dataDir`. */
export async function startEmbeddedStack(dataDirInput: string): Promise<EmbeddedStack> {
  const dataDir = resolve(dataDirInput);
  await mkdir(join(dataDir, 'dynamodb'), { recursive: true });
  await mkdir(join(dataDir, 's3'), { recursive: true });
  await takeLock(dataDir);

  try {
    let stores = await startStores(dataDir, { dynamo: 0, s3: 0 });
    const info: StackInfo = {
      pid: process.pid,
      dynamodbEndpoint: `http://127.0.0.1:${stores.ports.dynamo}`,
      s3Endpoint: `http://127.0.0.1:${stores.ports.s3}`,
    };
    await writeFile(infoPath(dataDir), JSON.stringify(info, null, 2));
    return {
      info,
      async advertise(httpUrl) {
        info.httpUrl = httpUrl;
        await writeFile(infoPath(dataDir), JSON.stringify(info, null, 2));
      },
      async restart(downMs = 0) {
        await stopStores(stores);
        await new Promise((resolveWait) => setTimeout(resolveWait, downMs));
        stores = await startStores(dataDir, stores.ports);
      },
      async stop() {
        await rm(infoPath(dataDir), { force: true });
        await stopStores(stores);
        await rm(lockPath(dataDir), { force: true });
      },
    };
  } catch (error) {
    await rm(lockPath(dataDir), { force: true });
    throw error;
  }
}
