/**
 * manifest.yml against Slack's manifest limits, and against what the code really does: the
 * listeners it registers, the Web API methods it calls, and so the scopes it needs (no more).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { registerCommands } from '../../commands/index.ts';
import { registerInstallationEvents } from '../../src/slack/installation-events.ts';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { CALLBACK_IDS } from '../../views/block-ids.ts';
import { registerViewListeners } from '../../views/listeners/index.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const manifest = parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8'));

/** What the listeners register, recorded by a stand-in for Bolt's App. */
function registered() {
  const seen = {
    commands: [] as string[],
    events: [] as string[],
    shortcuts: [] as string[],
    views: [] as string[],
    messages: 0,
  };
  const app = {
    command: (name: string) => seen.commands.push(name),
    event: (name: string) => seen.events.push(name),
    shortcut: (id: string) => seen.shortcuts.push(id),
    view: (id: string) => seen.views.push(id),
    action: () => undefined,
    message: () => {
      seen.messages += 1;
    },
  };
  registerCommands(app as never, {} as SlackDeps);
  registerViewListeners(app as never, {} as SlackDeps);
  registerInstallationEvents(app as never, {} as never);
  return seen;
}

/** Every `client.<family>.<method>(` call in the Slack code. */
function methodsCalled(): Set<string> {
  const methods = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) {
        for (const m of readFileSync(path, 'utf8').matchAll(/\bclient\.(\w+)\.(\w+)\(/g))
          methods.add(`${m[1]}.${m[2]}`);
      }
    }
  };
  for (const dir of ['commands', 'views', 'src/slack', 'src/jobs']) walk(join(ROOT, dir));
  return methods;
}

const SCOPE_FOR_METHOD: Record<string, string | null> = {
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'chat.postEphemeral': 'chat:write',
  // No scope: any message the app can see (here, a charter thread it posted in).
  'chat.getPermalink': null,
  'views.open': null,
  'views.update': null,
  'views.publish': null,
  'files.info': 'files:read',
  // getUploadURLExternal + the POST + completeUploadExternal (the P&L's CSV).
  'files.uploadV2': 'files:write',
  'conversations.open': 'im:write',
  'users.info': 'users:read',
};
const SCOPE_FOR_EVENT: Record<string, string | null> = {
  app_home_opened: null,
  app_mention: 'app_mentions:read',
  'message.channels': 'channels:history',
  'message.groups': 'groups:history',
  'message.im': 'im:history',
};

describe('manifest.yml', () => {
  it('stays within the limits of Slack manifest schema', () => {
    const info = manifest.display_information;
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    // The manifest reference: a long description has 174 to 4,000 characters.
    expect(info.long_description.length).toBeGreaterThanOrEqual(174);
    expect(info.long_description.length).toBeLessThanOrEqual(4000);
    expect(info.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
    for (const command of manifest.features.slash_commands) {
      expect(command.command).toMatch(/^\/[a-z0-9_-]{1,31}$/);
      expect(command.url).toMatch(/^https:\/\//);
    }
    for (const shortcut of manifest.features.shortcuts) {
      expect(shortcut.callback_id.length).toBeLessThanOrEqual(255);
      expect(['message', 'global']).toContain(shortcut.type);
    }
    expect(manifest.settings.event_subscriptions.bot_events.length).toBeLessThanOrEqual(100);
    for (const url of [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ]) {
      expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
    }
  });

  it('declares exactly the command, shortcut and events the code listens to', () => {
    const seen = registered();

    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(
      seen.commands,
    );
    expect(manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id)).toEqual([
      CALLBACK_IDS.createCharterShortcut,
    ]);
    expect(seen.shortcuts).toEqual([CALLBACK_IDS.createCharterShortcut]);
    const events = manifest.settings.event_subscriptions.bot_events as string[];
    // app.event('message') and app.message() need the message events of channels, private channels and DMs.
    const expected = new Set(
      seen.events.flatMap((e) =>
        e === 'message' ? ['message.channels', 'message.groups', 'message.im'] : [e],
      ),
    );
    if (seen.messages > 0) expected.add('message.im');
    expect([...new Set(events)].sort()).toEqual([...expected].sort());
    expect(manifest.features.app_home.home_tab_enabled).toBe(
      seen.events.includes('app_home_opened'),
    );
  });

  it('asks for the scopes the code needs and no more', () => {
    const methods = methodsCalled();
    for (const method of methods)
      expect(Object.keys(SCOPE_FOR_METHOD), `scope for ${method}`).toContain(method);
    const needed = new Set<string>(['commands']);
    for (const method of methods)
      if (SCOPE_FOR_METHOD[method]) needed.add(SCOPE_FOR_METHOD[method] as string);
    for (const event of manifest.settings.event_subscriptions.bot_events)
      if (SCOPE_FOR_EVENT[event]) needed.add(SCOPE_FOR_EVENT[event] as string);

    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
