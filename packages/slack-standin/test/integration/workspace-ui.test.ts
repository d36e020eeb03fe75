/**
 * The browser workspace on its own, with no deckhand: a tiny app answers the requests the page
 * makes through the stand-in; the page, its ES modules and its API are served under the CSP.
 */
import { readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  createSlackStandInCore,
  createWorkspaceUi,
  SILENT_LOGGER,
  type StandInRequest,
  type WorkspaceUi,
} from '../../src/index.ts';

const TOKEN = 'xoxb-ui-test';
const received: { path: string; body: string }[] = [];
let app: Server;
let ui: WorkspaceUi;
const core = createSlackStandInCore({
  signingSecret: 'ui-test-secret',
  botToken: TOKEN,
  users: [{ id: 'U0OPS', name: 'dana', realName: 'Dana Ops' }],
  channels: [{ id: 'C0OPS', name: 'ops' }],
});

function request(method: string, path: string, body = ''): StandInRequest {
  return {
    method,
    path,
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/json', host: '127.0.0.1' },
    body,
  };
}

beforeAll(async () => {
  app = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on('end', () => {
      received.push({ path: req.url ?? '', body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  core.standIn.setAppUrl(`http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`);
  core.setBaseUrl('http://127.0.0.1:1/standin');
  ui = createWorkspaceUi({
    core,
    teamName: 'tiny',
    defaultUser: 'U0OPS',
    defaultChannel: 'C0OPS',
    logger: SILENT_LOGGER,
  });
});

afterAll(async () => {
  ui.close();
  await new Promise((resolve) => app.close(resolve));
});

describe('the workspace page without a host app of its own', () => {
  it('serves the page and every ES module it imports as JavaScript under the CSP', async () => {
    const page = await ui.handle(request('GET', '/'), '/');
    expect(page.status).toBe(200);
    expect(page.headers?.['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    const entry = /<script type="module" src="\/standin\/ui\/assets\/([a-z-]+\.js)"/.exec(
      page.body,
    )?.[1];
    expect(entry).toBe('workspace.js');

    // Follow the static imports from the entry module: each one is served as a module script.
    const seen = new Set<string>();
    const queue = [entry ?? ''];
    while (queue.length > 0) {
      const name = queue.shift() ?? '';
      if (seen.has(name)) continue;
      seen.add(name);
      const asset = await ui.handle(request('GET', `/ui/assets/${name}`), `/ui/assets/${name}`);
      expect(asset.status, name).toBe(200);
      expect(asset.headers?.['content-type'], name).toBe('text/javascript; charset=utf-8');
      expect(asset.headers?.['cache-control'], name).toBe('no-store');
      for (const match of asset.body.matchAll(/^import [^;]+ from '\.\/([a-z-]+\.js)';$/gm))
        queue.push(match[1] ?? '');
    }
    // Every module in the folder is reached from the entry: none is dead or left unserved.
    const modules = readdirSync(fileURLToPath(new URL('../../src/ui/assets/', import.meta.url)))
      .filter((name) => name.endsWith('.js'))
      .sort();
    expect([...seen].sort()).toEqual(modules);
    expect(modules.length).toBeGreaterThan(8);
  });

  it('sends a typed slash command to the app, signed, and lists no samples by default', async () => {
    const answer = await ui.handle(
      request(
        'POST',
        '/ui/message',
        JSON.stringify({ as: 'U0OPS', channel: 'C0OPS', text: '/hi there' }),
      ),
      '/ui/message',
    );
    expect(JSON.parse(answer.body)).toEqual({ ok: true });
    const command = new URLSearchParams(received.at(-1)?.body ?? '');
    expect(command.get('command')).toBe('/hi');
    expect(command.get('text')).toBe('there');

    const samples = await ui.handle(request('GET', '/ui/samples'), '/ui/samples');
    expect(JSON.parse(samples.body)).toEqual({ samples: [] });
    const outbox = await ui.handle(request('GET', '/ui/outbox'), '/ui/outbox');
    expect(JSON.parse(outbox.body)).toEqual({ messages: [] });
  });

  it('names the app in what the page shows when the app refuses', async () => {
    const refusing = createServer((_req, res) => res.writeHead(500).end('boom'));
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    core.standIn.setAppUrl(`http://127.0.0.1:${(refusing.address() as AddressInfo).port}/`);
    try {
      const answer = await ui.handle(
        request(
          'POST',
          '/ui/message',
          JSON.stringify({ as: 'U0OPS', channel: 'C0OPS', text: 'hello' }),
        ),
        '/ui/message',
      );
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body)).toEqual({ error: 'the app answered HTTP 500: boom.' });
    } finally {
      await new Promise((resolve) => refusing.close(resolve));
    }
  });
});
