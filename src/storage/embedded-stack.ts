/**
 * The embedded local stack: the stores of @deckhand/embedded-aws (dynalite and s3rver, in this
 * process on 127.0.0.1) with their files under the data folder. One process owns a data folder at a time
 * (a lock file holds its pid); it writes `stack.json` so other deckhand processes (the CLI
 * while `npm start` runs) use its stores instead of opening the same files.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startEmbeddedAws } from '@deckhand/embedded-aws';
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

/** Starts dynalite and s3rver on loopback with their files under `dataDir`. */
export async function startEmbeddedStack(dataDirInput: string): Promise<EmbeddedStack> {
  const dataDir = resolve(dataDirInput);
  await mkdir(dataDir, { recursive: true });
  await takeLock(dataDir);

  try {
    const stores = await startEmbeddedAws({ dataDir });
    const info: StackInfo = {
      pid: process.pid,
      dynamodbEndpoint: stores.dynamodbEndpoint,
      s3Endpoint: stores.s3Endpoint,
    };
    await writeFile(infoPath(dataDir), JSON.stringify(info, null, 2));
    return {
      info,
      async advertise(httpUrl) {
        info.httpUrl = httpUrl;
        await writeFile(infoPath(dataDir), JSON.stringify(info, null, 2));
      },
      restart: (downMs = 0) => stores.restart(downMs),
      async stop() {
        await rm(infoPath(dataDir), { force: true });
        await stores.stop();
        await rm(lockPath(dataDir), { force: true });
      },
    };
  } catch (error) {
    await rm(lockPath(dataDir), { force: true });
    throw error;
  }
}
