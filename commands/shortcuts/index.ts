/** Shortcuts: *Create charter* on a message. */
import type { App } from '@slack/bolt';
import type { SlackDeps } from '../../src/slack/slack-deps.ts';
import { registerCreateCharterShortcut } from './create-charter-shortcut.ts';

export function registerShortcuts(app: App, deps: SlackDeps): void {
  registerCreateCharterShortcut(app, deps);
}
