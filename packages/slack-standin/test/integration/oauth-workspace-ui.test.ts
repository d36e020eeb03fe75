/**
 * The OAuth stand-in's browser workspace: one page per workspace (`?team=…`), each with its own
 * people and the switcher's list, an unknown team refused; opening the Home tab sends the app
 * app_home_opened from that workspace, and the Home view published there is in that page's state.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOAuthStandIn, type OAuthStandIn, type StandInRequest } from '../../src/index.ts';

const received: Record<string, unknown>[] = [];
let app: Server;
let standIn: OAuthStandIn;

function request(method: string, path: string, team: string | null, body = ''): StandInRequest {
  return {
    method,
    path,
    query: new URLSearchParams(team ? { team } : {}),
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
      received.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  standIn = createOAuthStandIn({
    signingSecret: 'ui-secret',
    app: { clientId: '1.2', clientSecret: 'shh' },
    teams: [
      {
        teamId: 'T0ONE',
        teamName: 'One Charters',
        users: [{ id: 'U0ANN', name: 'ann', realName: 'Ann One' }],
        channels: [{ id: 'C0ONE', name: 'one-ops' }],
      },
      {
        teamId: 'T0TWO',
        teamName: 'Two Charters',
        users: [{ id: 'U0BOB', name: 'bob', realName: 'Bob Two' }],
        channels: [{ id: 'C0TWO', name: 'two-ops' }],
      },
    ],
  });
  standIn.setBaseUrl('http://127.0.0.1:1');
  standIn.setAppUrl(`http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`);
});
afterAll(async () => {
  standIn.close();
  await new Promise((resolve) => app.close(resolve));
});

const json = (body: string) => JSON.parse(body) as Record<string, unknown>;

describe('the OAuth stand-in’s browser workspace', () => {
  it('serves one page per workspace, each with its own people and the list to switch to', async () => {
    const page = await standIn.handle(request('GET', '/', 'T0TWO'));
    expect(page.status).toBe(200);
    expect(page.body).toContain('workspace-switch');
    for (const [team, name, person] of [
      ['T0ONE', 'One Charters', 'Ann One'],
      ['T0TWO', 'Two Charters', 'Bob Two'],
    ] as const) {
      const state = json((await standIn.handle(request('GET', '/standin/ui/state', team))).body);
      expect(state).toMatchObject({ teamId: team, teamName: name, home: null });
      expect(state.workspaces).toEqual([
        { teamId: 'T0ONE', teamName: 'One Charters' },
        { teamId: 'T0TWO', teamName: 'Two Charters' },
      ]);
      expect(JSON.stringify(state.users)).toContain(person);
      expect(JSON.stringify(state.users)).not.toContain(person === 'Ann One' ? 'Bob' : 'Ann');
    }
    // Without a team: the first workspace. An unknown one is refused.
    expect(
      json((await standIn.handle(request('GET', '/standin/ui/state', null))).body).teamId,
    ).toBe('T0ONE');
    expect((await standIn.handle(request('GET', '/standin/ui/state', 'T0NOPE'))).status).toBe(404);
  });

  it('opens the Home tab as Slack does, and shows the view published for that person', async () => {
    const opened = await standIn.handle(
      request('POST', '/standin/ui/home', 'T0TWO', JSON.stringify({ as: 'U0BOB' })),
    );
    expect(opened.status).toBe(200);
    expect(received.at(-1)).toMatchObject({
      team_id: 'T0TWO',
      event: { type: 'app_home_opened', user: 'U0BOB', tab: 'home' },
    });
    // Someone of another workspace is no one here.
    expect(
      (
        await standIn.handle(
          request('POST', '/standin/ui/home', 'T0TWO', JSON.stringify({ as: 'U0ANN' })),
        )
      ).status,
    ).toBe(400);
    standIn.core('T0TWO').internals.views.publishHome('U0BOB', {
      type: 'home',
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Hello Bob' } }],
    });
    const state = json((await standIn.handle(request('GET', '/standin/ui/state', 'T0TWO'))).body);
    expect(JSON.stringify(state.home)).toContain('Hello Bob');
    const other = json((await standIn.handle(request('GET', '/standin/ui/state', 'T0ONE'))).body);
    expect(other.home).toBeNull();
  });
});
