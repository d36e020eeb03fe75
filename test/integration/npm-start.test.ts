/**
 * `npm start` as an operator stops it: by the PID of the npm process they started. npm runs the
 * script through `sh -c`, which does not pass a SIGTERM on to node; the script `exec`s node, so
 * npm's own forwarding reaches the server and the port closes.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let dataDir = '';
afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** Whether something accepts connections on the loopback port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start', () => {
  it('prints one line of its own when ready, and stops when its npm process is stopped', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'deckhand-npm-start-'));
    const npm = spawn('npm', ['start'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        LOG_LEVEL: 'warn',
        DECKHAND_DATA_DIR: dataDir,
      },
    });
    let output = '';
    npm.stdout.setEncoding('utf8');
    npm.stderr.setEncoding('utf8');
    npm.stderr.on('data', (chunk: string) => {
      output += chunk;
    });
    const port = await new Promise<number>((resolve, reject) => {
      npm.stdout.on('data', (chunk: string) => {
        output += chunk;
        const found = /^open http:\/\/localhost:(\d+)$/m.exec(output)?.[1];
        if (found) resolve(Number(found));
      });
      npm.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${output}`)));
    });
    expect(await listening(port)).toBe(true);
    // npm's own banner aside ("> deckhand@… start", "> exec node …"), deckhand says one line.
    const ours = output.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('>'));
    expect(ours).toEqual([`open http://localhost:${port}`]);

    npm.kill('SIGTERM');
    await once(npm, 'exit');
    let open = true;
    for (let i = 0; i < 50 && open; i += 1) {
      open = await listening(port);
      if (open) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(open, `port ${port} still open after npm was stopped`).toBe(false);
  }, 60_000);
});
