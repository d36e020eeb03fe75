/** The stand-in workspace outlives a restart of local mode: saved, restored, still updatable. */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackStandInCore, openWorkspaceFile, SILENT_LOGGER } from '../../src/index.ts';

const TOKEN = 'xoxb-file-test';
const logger = SILENT_LOGGER;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function standIn() {
  return createSlackStandInCore({
    signingSecret: 'secret',
    botToken: TOKEN,
    users: [{ id: 'U0DANAOPS', name: 'dana' }],
    channels: [{ id: 'C0QSDOPS', name: 'charters' }],
  });
}

async function call(
  core: ReturnType<typeof standIn>,
  method: string,
  args: Record<string, unknown>,
) {
  const response = await core.handle({
    method: 'POST',
    path: `/api/${method}`,
    query: new URLSearchParams(),
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return JSON.parse(response.body) as Record<string, unknown>;
}

describe('the stand-in workspace file', () => {
  it('keeps messages, thread replies and DMs across a restart; chat.update still finds them', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-wsfile-'));
    dirs.push(dataDir);
    const before = standIn();
    const file = openWorkspaceFile(dataDir, before.internals.workspace, logger);
    const parent = await call(before, 'chat.postMessage', {
      channel: 'C0QSDOPS',
      text: 'a charter',
    });
    await call(before, 'chat.postMessage', {
      channel: 'C0QSDOPS',
      text: 'status',
      thread_ts: parent.ts,
    });
    await call(before, 'chat.postMessage', { channel: 'U0DANAOPS', text: 'your DM' });
    file.changed();
    file.flush();

    const after = standIn();
    openWorkspaceFile(dataDir, after.internals.workspace, logger);
    const updated = await call(after, 'chat.update', {
      channel: 'C0QSDOPS',
      ts: parent.ts,
      text: 'edited',
    });
    const next = await call(after, 'chat.postMessage', { channel: 'C0QSDOPS', text: 'later' });

    expect(after.standIn.thread('C0QSDOPS', String(parent.ts)).map((m) => m.text)).toEqual([
      'edited',
      'status',
    ]);
    expect(updated.ok).toBe(true);
    expect(after.standIn.messages('D0DANAOPS').map((m) => m.text)).toEqual(['your DM']);
    // New messages come after the restored ones.
    expect(Number(next.ts)).toBeGreaterThan(Number(parent.ts));
  });

  it('keeps an uploaded file’s bytes across a restart', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-wsfile-'));
    dirs.push(dataDir);
    const before = standIn();
    const file = openWorkspaceFile(dataDir, before.internals.workspace, logger);
    const bytes = Buffer.from([0, 1, 2, 254, 255, 10, 13]);
    before.internals.workspace.addFile({ id: 'F0001UPLOAD', name: 'chart.png', mode: 'hosted' });
    before.internals.workspace.setFileBytes('F0001UPLOAD', bytes);
    file.changed();
    file.flush();

    const after = standIn();
    openWorkspaceFile(dataDir, after.internals.workspace, logger);

    expect(after.standIn.fileContent('F0001UPLOAD')).toEqual(bytes);
    expect(after.internals.workspace.file('F0001UPLOAD')?.name).toBe('chart.png');
  });

  it('sets an unreadable file aside and starts empty', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'deckhand-wsfile-'));
    dirs.push(dataDir);
    writeFileSync(
      join(dataDir, 'slack-standin.json'),
      '{"version": 1, "workspace": {"messages": "no"}}',
    );

    const core = standIn();
    openWorkspaceFile(dataDir, core.internals.workspace, logger);

    expect(core.standIn.messages()).toEqual([]);
    expect(existsSync(join(dataDir, 'slack-standin.json'))).toBe(false);
    expect(readdirSync(dataDir).some((n) => n.startsWith('slack-standin.json.unreadable-'))).toBe(
      true,
    );
  });
});
