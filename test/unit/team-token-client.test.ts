/**
 * TeamTokenClient: with OAuth installs each Web API call carries the token of its workspace: a
 * tenant's channel names its team; otherwise the workspace of the request or job in hand; a
 * token given to the call wins. Tokens are looked up once a minute at most, and forgotten on
 * uninstall. (nock answers Slack's Web API; nothing leaves the process.)
 */
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { TeamTokenClient, withSlackWorkspace } from '../../src/slack/team-token-client.ts';
import type { TenantRegistry } from '../../src/tenants/tenant-registry.ts';

const tenants = {
  list: () => [
    { id: 'queen', slack: { teamId: 'T0QUEEN', channels: ['C0QUEEN'], approvers: [] } },
    { id: 'reef', slack: { teamId: 'T0REEF', channels: ['C0REEF'], approvers: [] } },
  ],
} as unknown as TenantRegistry;

const TOKENS: Record<string, string> = { T0QUEEN: 'xoxb-queen', T0REEF: 'xoxb-reef' };

function client() {
  const lookups: string[] = [];
  const c = new TeamTokenClient(
    { slackApiUrl: 'https://slack.test/api/', retryConfig: { retries: 0 } },
    async (teamId) => {
      lookups.push(teamId);
      return TOKENS[teamId];
    },
    tenants,
  );
  return { c, lookups };
}

/** Records the bearer token of each call. */
function slack(): string[] {
  const seen: string[] = [];
  nock('https://slack.test')
    .persist()
    .post(/\/api\/.*/)
    .reply((request: Request) => {
      seen.push(String(request.headers.get('authorization')));
      return [200, { ok: true, channel: 'C0QUEEN', ts: '1.2' }];
    });
  return seen;
}

afterEach(() => nock.cleanAll());

describe('TeamTokenClient', () => {
  it("uses the channel's workspace token, even inside another workspace's request", async () => {
    const seen = slack();
    const { c } = client();
    await c.chat.postMessage({ channel: 'C0QUEEN', text: 'a' });
    await withSlackWorkspace({ teamId: 'T0QUEEN', botToken: 'xoxb-queen' }, () =>
      c.chat.postMessage({ channel: 'C0REEF', text: 'b' }),
    );
    expect(seen).toEqual(['Bearer xoxb-queen', 'Bearer xoxb-reef']);
  });

  it('picks, of two workspaces listing the same channel id, the one in hand', async () => {
    const seen = slack();
    const shared = {
      list: () => [
        { id: 'copy', slack: { teamId: 'T0QUEEN', channels: ['C0REEF'], approvers: [] } },
        { id: 'reef', slack: { teamId: 'T0REEF', channels: ['C0REEF'], approvers: [] } },
      ],
    } as unknown as TenantRegistry;
    const c = new TeamTokenClient(
      { slackApiUrl: 'https://slack.test/api/', retryConfig: { retries: 0 } },
      async (teamId) => TOKENS[teamId],
      shared,
    );
    await withSlackWorkspace({ teamId: 'T0REEF' }, () =>
      c.chat.postMessage({ channel: 'C0REEF', text: 'a' }),
    );
    await c.chat.postMessage({ channel: 'C0REEF', text: 'b' });
    expect(seen).toEqual(['Bearer xoxb-reef', 'Bearer xoxb-queen']);
  });

  it('uses the workspace of the request or job in hand when no channel says, and a given token first', async () => {
    const seen = slack();
    const { c } = client();
    await withSlackWorkspace({ teamId: 'T0REEF' }, () => c.conversations.open({ users: 'U1' }));
    await withSlackWorkspace({ teamId: 'T0REEF', botToken: 'xoxb-from-bolt' }, () =>
      c.conversations.open({ users: 'U1' }),
    );
    await c.conversations.open({ users: 'U1', token: 'xoxb-given' });
    expect(seen).toEqual(['Bearer xoxb-reef', 'Bearer xoxb-from-bolt', 'Bearer xoxb-given']);
  });

  it('looks a token up once a minute at most, and again after forget', async () => {
    slack();
    const { c, lookups } = client();
    await c.chat.postMessage({ channel: 'C0QUEEN', text: 'a' });
    await c.chat.postMessage({ channel: 'C0QUEEN', text: 'b' });
    expect(lookups).toEqual(['T0QUEEN']);
    c.forget('T0QUEEN');
    await c.chat.postMessage({ channel: 'C0QUEEN', text: 'c' });
    expect(lookups).toEqual(['T0QUEEN', 'T0QUEEN']);
  });
});
