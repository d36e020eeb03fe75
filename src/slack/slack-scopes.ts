/** The bot scopes deckhand asks for when installed: manifest.yml's, read once (the manifest is the one list). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PACKAGE_ROOT } from '../package-root.ts';

let scopes: readonly string[] | undefined;

/** `oauth_config.scopes.bot` of manifest.yml (shipped beside package.json and in each Lambda bundle). */
export function manifestBotScopes(): readonly string[] {
  if (scopes) return scopes;
  const manifest = parse(readFileSync(join(PACKAGE_ROOT, 'manifest.yml'), 'utf8')) as {
    oauth_config?: { scopes?: { bot?: unknown } };
  };
  const bot = manifest.oauth_config?.scopes?.bot;
  if (!Array.isArray(bot) || bot.length === 0 || !bot.every((s) => typeof s === 'string'))
    throw new Error('manifest.yml has no oauth_config.scopes.bot list');
  scopes = bot;
  return bot;
}
