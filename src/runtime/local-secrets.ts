/**
 * Credentials of the built-in calendar and SCC services, made once per data folder and kept in
 * `<data dir>/secrets.json` (mode 0600), so the server and the CLI of one installation agree.
 * Only the bcrypt hash of the SCC service key is what the service checks, as in the seed.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import bcrypt from 'bcryptjs';
import { z } from 'zod';

const secretsSchema = z.object({
  dashboardToken: z.string().min(32),
  sccServiceKey: z.string().min(32).max(72),
  sccServiceKeyHash: z.string().startsWith('$2'),
  feedSecretSeed: z.string().min(32),
});
export type LocalSecrets = z.infer<typeof secretsSchema>;

/** Reads the data folder's secrets, creating them on first use. */
export async function loadLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const path = join(resolve(dataDir), 'secrets.json');
  try {
    return secretsSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const sccServiceKey = randomBytes(32).toString('base64url');
  const secrets: LocalSecrets = {
    dashboardToken: randomBytes(32).toString('base64url'),
    sccServiceKey,
    sccServiceKeyHash: await bcrypt.hash(sccServiceKey, 10),
    feedSecretSeed: randomBytes(32).toString('base64url'),
  };
  await mkdir(resolve(dataDir), { recursive: true });
  try {
    await writeFile(path, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
    return secrets;
  } catch (error) {
    // Another process wrote them first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return secretsSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  }
}

const standInSchema = z.object({
  slackSigningSecret: z.string().min(32),
  slackBotToken: z.string().startsWith('xoxb-'),
});
export type StandInCredentials = z.infer<typeof standInSchema>;

/**
 * The local Slack stand-in's signing secret and bot token (local mode), kept in the same
 * `secrets.json` and added to it on first use, so every restart signs with the same secret.
 */
export async function loadStandInCredentials(dataDir: string): Promise<StandInCredentials> {
  await loadLocalSecrets(dataDir);
  const path = join(resolve(dataDir), 'secrets.json');
  const stored = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  const found = standInSchema.safeParse(stored);
  if (found.success) return found.data;
  const credentials: StandInCredentials = {
    slackSigningSecret: randomBytes(32).toString('hex'),
    slackBotToken: `xoxb-local-${randomBytes(24).toString('base64url')}`,
  };
  // Written whole and renamed into place: a reader never sees half a file.
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify({ ...stored, ...credentials }, null, 2), {
    mode: 0o600,
  });
  await rename(temporary, path);
  return credentials;
}

/** The secret the ops-only photo gallery links are signed with (src/uploads/gallery-link.ts). */
export function gallerySecretOf(secrets: LocalSecrets): string {
  return createHmac('sha256', secrets.feedSecretSeed).update('photo-gallery').digest('base64url');
}

/** The secret behind the crew pages' anti-forgery form keys. */
export function formSecretOf(secrets: LocalSecrets): string {
  return createHmac('sha256', secrets.feedSecretSeed).update('crew-forms').digest('base64url');
}

/** The HMAC of a calendar id with the seed: a feed URL that cannot be guessed or enumerated. */
export function feedSecretFor(secrets: LocalSecrets, calendarId: string): string {
  return createHmac('sha256', secrets.feedSecretSeed)
    .update(calendarId)
    .digest('base64url')
    .slice(0, 32);
}

/** The secret that signs the report charts' links (src/reports/chart-link.ts). */
export function chartSecretOf(secrets: LocalSecrets): string {
  return createHmac('sha256', secrets.feedSecretSeed).update('report-charts').digest('base64url');
}
