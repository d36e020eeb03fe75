/** The HTTP server over real loopback sockets, and `deckhand serve` as `npm start` runs it. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { createLogger } from '../../src/logging/logger.ts';
import { startHttpServer, stopHttpServer } from '../../src/server/http-server.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const silent = new Writable({ write: (_chunk, _encoding, done) => done() });

describe('HTTP server', () => {
  let url = '';
  let stop: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const tenants = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
    const started = await startHttpServer(
      { tenants, logger: createLogger('silent', silent), version: '9.9.9' },
      { host: '127.0.0.1', port: 0 },
    );
    url = started.url;
    stop = () => stopHttpServer(started.server);
  });
  afterAll(() => stop());

  it('listens on loopback only', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers GET /healthz with status, version and tenants', async () => {
    const response = await fetch(`${url}/healthz`);

    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toMatchObject({
      status: 'ok',
      version: '9.9.9',
      tenants: ['queen-of-san-diego', 'keys-reef-runner'],
    });
  });

  it('answers HEAD /healthz without a body', async () => {
    const response = await fetch(`${url}/healthz`, { method: 'HEAD' });

    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('refuses other methods on /healthz with 405 and Allow', async () => {
    const response = await fetch(`${url}/healthz`, { method: 'POST' });

    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers unknown paths with a JSON 404 that says where to go', async () => {
    const response = await fetch(`${url}/g/NOPE`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'not_found',
      message: 'Nothing at GET /g/NOPE. Try GET /healthz.',
    });
  });
});

describe('deckhand serve (npm start)', () => {
  /** Starts `deckhand serve` with `args` and no Slack credentials; resolves once it printed `until`. */
  async function serve(args: string[], until: RegExp) {
    const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-serve-'));
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'deckhand.js'), 'serve', ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        PORT: '0',
        LOG_LEVEL: 'silent',
        DECKHAND_DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8');
    const port = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: string) => {
        output += chunk;
        const match = until.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`serve exited early with ${code}: ${output}`)));
    });
    return { child, dataDir, url: `http://127.0.0.1:${port}`, output: () => output };
  }

  it('without Slack credentials prints one line, the address to open, and stops on SIGTERM', async () => {
    const { child, dataDir, url, output } = await serve([], /^open http:\/\/localhost:(\d+)\n/);
    const health = await fetch(`${url}/healthz`);
    const page = await fetch(`${url}/`);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');

    expect(output()).toMatch(/^open http:\/\/localhost:\d+\n$/);
    expect(health.status).toBe(200);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>deckhand · local Slack</title>');
    // The stores were stopped and the data folder handed back.
    expect(existsSync(join(dataDir, 'stack.json'))).toBe(false);
    expect(existsSync(join(dataDir, 'stack.lock'))).toBe(false);
    expect(code).toBe(0);
  });

  it('with --details also prints what it runs: stores, built-in services, the Slack stand-in', async () => {
    const { child, url, output } = await serve(['--details'], /open http:\/\/localhost:(\d+)\n/);
    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');

    expect(output()).toContain(`deckhand is listening on ${url} (health check: ${url}/healthz)`);
    expect(output()).toContain(
      `Slack: the built-in stand-in (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN not set): workspace at ${url}/, Web API at ${url}/standin/api/`,
    );
    expect(output()).toContain('built-in, ');
    expect(output()).toContain('(DASHBOARD_URL not set)');
    expect(output()).toContain('(SCC_URL not set)');
    expect(output().trimEnd().split('\n').at(-1)).toMatch(/^open http:\/\/localhost:\d+$/);
    expect(code).toBe(0);
  });
});
