/**
 * The OAuth stand-in without a server: the authorize page's checks, Allow and Cancel, and
 * oauth.v2.access as Slack answers it (client checked, a code used once and for ten minutes),
 * with each workspace's token answering only in its own workspace.
 */
import { describe, expect, it } from 'vitest';
import { createOAuthStandIn } from '../../src/oauth-standin.ts';

const REDIRECT = 'https://app.example.com/slack/oauth_redirect';

function standIn() {
  let now = Date.parse('2099-01-01T00:00:00Z');
  const oauth = createOAuthStandIn({
    signingSecret: 'secret',
    app: {
      clientId: '1.2',
      clientSecret: 'client-secret',
      name: 'deckhand',
      redirectUrls: [REDIRECT],
    },
    teams: [
      { teamId: 'T0AAA', teamName: 'Alpha', users: [{ id: 'U0ALPHA', name: 'al' }], channels: [] },
      { teamId: 'T0BBB', teamName: 'Bravo', users: [{ id: 'U0BRAVO', name: 'bo' }], channels: [] },
    ],
    now: () => now,
  });
  return { oauth, advance: (ms: number) => (now += ms) };
}

const get = (path: string, query: Record<string, string>) => ({
  method: 'GET',
  path,
  query: new URLSearchParams(query),
  headers: {},
  body: '',
});
const post = (
  path: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
) => ({
  method: 'POST',
  path,
  query: new URLSearchParams(),
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(form).toString(),
});
const json = async (answer: { body: string } | Promise<{ body: string }>) =>
  JSON.parse((await answer).body) as Record<string, unknown>;

const access = (code: string, secret = 'client-secret') =>
  post('/api/oauth.v2.access', {
    code,
    client_id: '1.2',
    client_secret: secret,
    redirect_uri: REDIRECT,
  });

describe('OAuth stand-in', () => {
  it('shows the app, its scopes and the workspaces, and refuses an unknown client or redirect URL', async () => {
    const { oauth } = standIn();
    const ok = {
      client_id: '1.2',
      scope: 'chat:write,commands',
      state: 's1',
      redirect_uri: REDIRECT,
    };
    const page = await oauth.handle(get('/oauth/v2/authorize', ok));
    expect(page.status).toBe(200);
    expect(page.body).toContain('<span id="app-name">deckhand</span>');
    expect(page.body).toContain('<li>chat:write</li><li>commands</li>');
    expect(page.body).toContain('Bravo (T0BBB)');
    expect(
      (await oauth.handle(get('/oauth/v2/authorize', { ...ok, client_id: '9.9' }))).status,
    ).toBe(400);
    expect(
      (
        await oauth.handle(
          get('/oauth/v2/authorize', { ...ok, redirect_uri: 'https://evil.example/cb' }),
        )
      ).status,
    ).toBe(400);
  });

  it('redirects Allow with a code and the state, Cancel with access_denied', async () => {
    const { oauth } = standIn();
    const form = {
      client_id: '1.2',
      scope: 'chat:write',
      state: 's1',
      redirect_uri: REDIRECT,
      team: 'T0BBB',
    };
    const allowed = await oauth.handle(post('/oauth/v2/authorize', { ...form, decision: 'allow' }));
    expect(allowed.status).toBe(302);
    const location = new URL(allowed.headers?.location ?? '');
    expect(location.origin + location.pathname).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('s1');
    const code = location.searchParams.get('code') ?? '';
    const answer = await json(oauth.handle(access(code)));
    expect(answer).toMatchObject({
      ok: true,
      token_type: 'bot',
      team: { id: 'T0BBB', name: 'Bravo' },
      authed_user: { id: 'U0BRAVO' },
      scope: 'chat:write',
      app_id: 'A0DECKHAND',
      bot_user_id: 'U0DECKBOT',
    });
    expect(String(answer.access_token)).toMatch(/^xoxb-T0BBB-/);
    const cancelled = await oauth.handle(
      post('/oauth/v2/authorize', { ...form, decision: 'deny' }),
    );
    const back = new URL(cancelled.headers?.location ?? '');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('code')).toBeNull();
  });

  it('checks the client secret, uses a code once, and lets it expire after ten minutes', async () => {
    const { oauth, advance } = standIn();
    const code = oauth.issueCode({
      teamId: 'T0AAA',
      scopes: ['chat:write'],
      redirectUri: REDIRECT,
    });
    expect(await json(oauth.handle(access(code, 'wrong')))).toEqual({
      ok: false,
      error: 'bad_client_secret',
    });
    const fresh = oauth.issueCode({
      teamId: 'T0AAA',
      scopes: ['chat:write'],
      redirectUri: REDIRECT,
    });
    expect((await json(oauth.handle(access(fresh)))).ok).toBe(true);
    expect(await json(oauth.handle(access(fresh)))).toEqual({ ok: false, error: 'invalid_code' });
    const late = oauth.issueCode({
      teamId: 'T0AAA',
      scopes: ['chat:write'],
      redirectUri: REDIRECT,
    });
    advance(10 * 60 * 1000 + 1);
    expect(await json(oauth.handle(access(late)))).toEqual({ ok: false, error: 'invalid_code' });
    const other = oauth.issueCode({
      teamId: 'T0AAA',
      clientId: '7.7',
      scopes: [],
      redirectUri: REDIRECT,
    });
    expect(await json(oauth.handle(access(other)))).toEqual({ ok: false, error: 'invalid_code' });
  });

  it("answers each workspace's token in its own workspace only; a replaced token is revoked", async () => {
    const { oauth } = standIn();
    const install = async (teamId: string) =>
      String(
        (
          await json(
            oauth.handle(
              access(oauth.issueCode({ teamId, scopes: ['chat:write'], redirectUri: REDIRECT })),
            ),
          )
        ).access_token,
      );
    const alpha = await install('T0AAA');
    const bravo = await install('T0BBB');
    const authTest = (token: string) =>
      json(oauth.handle(post('/api/auth.test', {}, { authorization: `Bearer ${token}` })));
    expect((await authTest(alpha)).team_id).toBe('T0AAA');
    expect((await authTest(bravo)).team_id).toBe('T0BBB');
    expect(await authTest('xoxb-made-up')).toEqual({ ok: false, error: 'invalid_auth' });
    const again = await install('T0AAA');
    expect((await authTest(again)).team_id).toBe('T0AAA');
    expect(await authTest(alpha)).toEqual({ ok: false, error: 'token_revoked' });
    expect(oauth.team('T0BBB').calls.map((c) => c.method)).toEqual(['auth.test']);
  });
});
