/** The local crew email outbox (`<data dir>/outbox/*.eml`) as a list with each magic link. */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Outbox, OutboxMessage } from '@deckhand/slack-standin';
import PostalMime from 'postal-mime';

/** Shown at most: the newest emails. */
const LIMIT = 50;

export function outboxDir(dataDir: string): string {
  return join(resolve(dataDir), 'outbox');
}

/** The newest outbox emails first; an empty list while nothing was sent. */
export async function listOutbox(dataDir: string): Promise<OutboxMessage[]> {
  const dir = outboxDir(dataDir);
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.eml'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  // Names start with an ISO time stamp and a sequence number: they sort by sending time.
  const newest = names.sort().reverse().slice(0, LIMIT);
  return Promise.all(
    newest.map(async (file) => {
      const email = await PostalMime.parse(await readFile(join(dir, file)));
      const header = (name: string) =>
        email.headers.find((h) => h.key === name.toLowerCase())?.value ?? null;
      const to = email.to?.[0];
      return {
        file,
        to: to ? (to.name ? `${to.name} <${to.address ?? ''}>` : (to.address ?? '')) : '',
        subject: email.subject ?? '',
        date: email.date ?? null,
        kind: header('X-Deckhand-Kind'),
        link: /(https?:\/\/\S+\/crew\/\S+)/.exec(email.text ?? '')?.[1] ?? null,
        body: email.text?.trim() || null,
      };
    }),
  );
}

/** The outbox as the stand-in page shows it beside the workspace. */
export function crewOutbox(dataDir: string): Outbox {
  return { dir: outboxDir(dataDir), list: () => listOutbox(dataDir) };
}
