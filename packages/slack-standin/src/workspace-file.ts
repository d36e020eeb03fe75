/**
 * Local mode keeps the stand-in's workspace in `<data dir>/slack-standin.json`, so a restart of
 * `npm start` shows the same channels and threads, and deckhand can still update the status
 * messages of charters booked before it. Written whole and renamed into place, shortly after
 * each change and once more on shutdown.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { StandInLogger } from './standin-logger.ts';
import type { Workspace, WorkspaceSnapshot } from './workspace.ts';

const FILE_NAME = 'slack-standin.json';
/** Changes coming in a burst (a pipeline run) are written once. */
const SAVE_DELAY_MS = 500;

const fileSchema = z.object({
  version: z.literal(1),
  workspace: z.object({
    messages: z.array(
      z.looseObject({
        channel: z.string(),
        ts: z.string(),
        user: z.string(),
        updates: z.number(),
        stateValues: z.record(z.string(), z.record(z.string(), z.unknown())),
      }),
    ),
    files: z.array(z.looseObject({ id: z.string() })),
    fileBytes: z.record(z.string(), z.base64()).optional(),
    dms: z.array(z.string()),
  }),
});

export interface WorkspaceFile {
  /** Saves soon (after a burst of changes settles). */
  changed(): void;
  /** Saves now, if anything changed since the last save. */
  flush(): void;
}

function write(path: string, workspace: Workspace): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ version: 1, workspace: workspace.snapshot() }), {
    mode: 0o600,
  });
  renameSync(temporary, path);
}

/**
 * Restores the workspace from the data folder (an unreadable file is set aside, not lost) and
 * returns what saves it from then on.
 */
export function openWorkspaceFile(
  dataDir: string,
  workspace: Workspace,
  logger: StandInLogger,
): WorkspaceFile {
  const path = join(resolve(dataDir), FILE_NAME);
  if (existsSync(path)) {
    let snapshot: WorkspaceSnapshot | undefined;
    try {
      snapshot = fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')))
        .workspace as WorkspaceSnapshot;
    } catch (error) {
      const aside = `${path}.unreadable-${Date.now()}`;
      renameSync(path, aside);
      logger.warn(
        { err: error, file: aside },
        'the Slack stand-in workspace file was unreadable; starting empty',
      );
    }
    if (snapshot) {
      const { restored, skipped } = workspace.restore(snapshot);
      // Debug: npm start prints one line; this is there for whoever looks.
      logger.debug({ restored, skipped }, 'Slack stand-in workspace restored');
    }
  }
  let timer: NodeJS.Timeout | undefined;
  let dirty = false;
  const save = (): void => {
    timer = undefined;
    if (!dirty) return;
    dirty = false;
    try {
      write(path, workspace);
    } catch (error) {
      logger.error({ err: error, file: path }, 'saving the Slack stand-in workspace failed');
    }
  };
  return {
    changed() {
      dirty = true;
      timer ??= setTimeout(save, SAVE_DELAY_MS);
    },
    flush() {
      if (timer) clearTimeout(timer);
      save();
    },
  };
}
