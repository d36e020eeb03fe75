/**
 * The OAuth install under attack, over real HTTP against the OAuth stand-in: a forged state, a
 * replayed state (with a fresh code: the state itself is refused, not just the spent code), a
 * state without this browser's cookie, a code issued for another app, a code for another
 * workspace than the install link's, a cancelled install, and events from a workspace where
 * deckhand is not installed. Each gets a failure page that says what to do, and installs nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DANA,
  MORGAN,
  type OAuthHarness,
  QUEEN_TEAM,
  REEF_TEAM,
  startOAuthHarness,
} from '../support/oauth-harness.ts';

let h: OAuthHarness;
beforeAll(async () => {
  h = await startOAuthHarness();
}, 60_000);
afterAll(() => h?.close());

const COOKIE = 'slack-app-oauth-state';

/** GET /slack/install: the authorize URL's parameters and this browser's state cookie. */
async function startInstall(
  query = '',
): Promise<{ state: string; cookie: string; redirectUri: string; scopes: string[] }> {
  const response = await fetch(`${h.runtime.httpUrl}/slack/install${query}`);
  expect(response.status).toBe(200);
  const page = await response.text();
  const href = /id="add-to-slack" href="([^"]+)"/.exec(page)?.[1]?.replaceAll('&#38;', '&') ?? '';
  const url = new URL(href);
  const setCookie = response.headers.get('set-cookie') ?? '';
  const cookie = new RegExp(`${COOKIE}=([^;]+)`).exec(setCookie)?.[1] ?? '';
  expect(setCookie).not.toContain('Secure'); // plain http here: a Secure cookie would be dropped
  return {
    state: url.searchParams.get('state') ?? '',
    cookie,
    redirectUri: url.searchParams.get('redirect_uri') ?? '',
    scopes: (url.searchParams.get('scope') ?? '').split(','),
  };
}

async function callback(params: Record<string, string>, cookie?: string) {
  const response = await fetch(
    `${h.runtime.httpUrl}/slack/oauth_redirect?${new URLSearchParams(params)}`,
    cookie === undefined ? {} : { headers: { cookie: `${COOKIE}=${cookie}` } },
  );
  return { status: response.status, page: await response.text() };
}

const installer = (teamId: string) => h.runtime.slackPorts.installations?.installerOf(teamId);

describe('hostile OAuth installs', () => {
  it('refuses events from a workspace where deckhand is not installed, and says so in the log', async () => {
    const reef = h.standIn.team(REEF_TEAM);
    const answer = await reef.event({ type: 'app_home_opened', user: MORGAN, tab: 'home' });
    await h.slack.idle();
    expect(answer.status).toBe(200);
    expect(reef.calls).toEqual([]);
    const slash = await reef.slashCommand({
      command: '/charter',
      text: 'list',
      userId: MORGAN,
      channelId: 'C0REEFOPS',
    });
    expect(slash.status).toBe(200);
    expect(slash.body).toBe('');
    expect(
      h.logs.filter(
        (l) =>
          l.msg === 'refused a Slack request from a workspace where deckhand is not installed' &&
          l.teamId === REEF_TEAM,
      ).length,
    ).toBe(2);
  });

  it('refuses a forged state, and a real state without this browser’s cookie', async () => {
    const { state, redirectUri, scopes } = await startInstall();
    const code = h.standIn.issueCode({ teamId: QUEEN_TEAM, scopes, redirectUri });
    const forged = await callback(
      { code, state: 'eyJhbGciOiJIUzI1NiJ9.forged.sig' },
      'eyJhbGciOiJIUzI1NiJ9.forged.sig',
    );
    expect(forged.status).toBe(400);
    expect(forged.page).toContain('This install link is not valid for this browser');
    expect(forged.page).toContain('href="/slack/install"');
    const code2 = h.standIn.issueCode({ teamId: QUEEN_TEAM, scopes, redirectUri });
    const noCookie = await callback({ code: code2, state });
    expect(noCookie.status).toBe(400);
    expect(await installer(QUEEN_TEAM)).toBeUndefined();
  });

  it('refuses a replayed state even with a fresh code: one install per state', async () => {
    const { state, cookie, redirectUri, scopes } = await startInstall();
    const first = await callback(
      { code: h.standIn.issueCode({ teamId: QUEEN_TEAM, scopes, redirectUri }), state },
      cookie,
    );
    expect(first.status).toBe(200);
    expect(first.page).toContain('deckhand is installed in Queen of San Diego');
    const token = h.standIn.installation(QUEEN_TEAM)?.botToken;
    expect(await installer(QUEEN_TEAM)).toBe(DANA);
    // The same state again (a captured redirect replayed), with a code of another workspace.
    const replay = await callback(
      { code: h.standIn.issueCode({ teamId: REEF_TEAM, scopes, redirectUri }), state },
      cookie,
    );
    expect(replay.status).toBe(400);
    expect(replay.page).toContain('was used already');
    expect(await installer(REEF_TEAM)).toBeUndefined();
    expect(h.standIn.installation(QUEEN_TEAM)?.botToken).toBe(token);
  });

  it('refuses a code issued for another app: Slack answers invalid_code and nothing is stored', async () => {
    const { state, cookie, redirectUri, scopes } = await startInstall();
    const code = h.standIn.issueCode({
      teamId: REEF_TEAM,
      clientId: '9999999999.8888888888',
      scopes,
      redirectUri,
    });
    const answer = await callback({ code, state }, cookie);
    expect(answer.status).toBe(400);
    expect(answer.page).toContain('Slack did not confirm the install, so nothing was installed.');
    expect(await installer(REEF_TEAM)).toBeUndefined();
  });

  it('refuses a code for another workspace than the install link was made for', async () => {
    const { state, cookie, redirectUri, scopes } = await startInstall(`?team=${QUEEN_TEAM}`);
    const code = h.standIn.issueCode({ teamId: REEF_TEAM, scopes, redirectUri });
    const answer = await callback({ code, state }, cookie);
    expect(answer.status).toBe(400);
    expect(answer.page).toContain('deckhand was not installed');
    expect(await installer(REEF_TEAM)).toBeUndefined();
    expect(
      h.logs.some(
        (l) => l.msg === 'refused an OAuth code for another workspace than the install link’s',
      ),
    ).toBe(true);
  });

  it('says a cancelled install was cancelled, and installs nothing', async () => {
    const { state, cookie } = await startInstall();
    const answer = await callback({ error: 'access_denied', state }, cookie);
    expect(answer.status).toBe(400);
    expect(answer.page).toContain('The install was cancelled in Slack');
    expect(await installer(REEF_TEAM)).toBeUndefined();
  });
});
