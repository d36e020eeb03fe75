/**
 * Slack's external file upload against the stand-in, over real HTTP on 127.0.0.1: WebClient's
 * files.uploadV2 (getUploadURLExternal → POST the bytes → completeUploadExternal) shares a CSV
 * in a DM and a binary file in a thread, byte for byte; the download link serves the bytes with
 * the file's type; Slack's refusals for bad arguments, unknown files and channels.
 */
import { type Logger, LogLevel, WebAPIPlatformError, WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../src/pending-uploads.ts';
import { startSlackStandIn } from '../../src/slack-standin.ts';
import type { SlackStandIn } from '../../src/standin-types.ts';

const TOKEN = 'xoxb-stand-in-files';
const silent: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};

function platformError(error: unknown): Record<string, unknown> {
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data as unknown as Record<string, unknown>;
}

describe('Slack stand-in: file uploads', () => {
  let slack: SlackStandIn;
  let client: WebClient;

  beforeEach(async () => {
    slack = await startSlackStandIn({
      signingSecret: 'files-secret',
      botToken: TOKEN,
      users: [{ id: 'U0OPS', name: 'dana', realName: 'Dana Ops' }],
      channels: [{ id: 'C0OPS', name: 'ops' }],
    });
    client = new WebClient(TOKEN, {
      slackApiUrl: slack.apiUrl,
      logger: silent,
      retryConfig: { retries: 0 },
    });
  });

  afterEach(async () => {
    await slack.close();
  });

  it('files.uploadV2 shares a CSV in a DM as one message, and the link serves its bytes', async () => {
    const dm = await client.conversations.open({ users: 'U0OPS' });
    const channelId = dm.channel?.id ?? '';
    const csv = 'date,boat,net\n2026-05-30,Sea Breeze,"1,234.50"\nÉté,Ünï,0.00\n';
    const result = await client.files.uploadV2({
      channel_id: channelId,
      content: csv,
      filename: 'charters-2026-05.csv',
      title: 'Charters May 2026',
      initial_comment: 'Your report for May 2026',
    });
    expect(result.ok).toBe(true);

    const [message] = slack.messages(channelId);
    expect(message?.text).toBe('Your report for May 2026');
    const file = message?.files?.[0] as Record<string, unknown>;
    expect(file).toMatchObject({
      name: 'charters-2026-05.csv',
      title: 'Charters May 2026',
      mimetype: 'text/csv',
      filetype: 'csv',
      size: Buffer.byteLength(csv),
      ims: [channelId],
    });
    expect(slack.fileContent(String(file.id))?.toString('utf8')).toBe(csv);

    const info = await client.files.info({ file: String(file.id) });
    expect(info.file?.name).toBe('charters-2026-05.csv');

    const download = await fetch(String(file.url_private_download));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(download.headers.get('content-disposition')).toBe(
      "attachment; filename*=UTF-8''charters-2026-05.csv",
    );
    expect(await download.text()).toBe(csv);
  });

  it('a binary file reaches a thread byte for byte', async () => {
    const parent = await client.chat.postMessage({ channel: 'C0OPS', text: 'Charter thread' });
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37) % 256));
    await client.files.uploadV2({
      channel_id: 'C0OPS',
      thread_ts: parent.ts ?? '',
      file: bytes,
      filename: 'chart.png',
    });
    const reply = slack.thread('C0OPS', parent.ts ?? '')[1];
    const file = reply?.files?.[0] as Record<string, unknown>;
    expect(reply?.threadTs).toBe(parent.ts);
    expect(file).toMatchObject({ mimetype: 'image/png', size: 3000, channels: ['C0OPS'] });
    const served = await fetch(String(file.url_private));
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers as Slack does: invalid_arguments, file_not_found, channel_not_found, invalid_thread_ts', async () => {
    const missing = platformError(
      await client.files.getUploadURLExternal({ filename: 'a.csv' } as never).catch((e) => e),
    );
    expect(missing.error).toBe('invalid_arguments');
    expect(
      platformError(
        await client.files
          .getUploadURLExternal({ filename: 'a.csv', length: MAX_UPLOAD_BYTES + 1 })
          .catch((e) => e),
      ).error,
    ).toBe('invalid_arguments');

    const started = await client.files.getUploadURLExternal({ filename: 'a.csv', length: 3 });
    const fileId = started.file_id ?? '';
    expect(started.upload_url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/upload\/F/);
    // Nothing uploaded yet: not a file Slack knows.
    expect(
      platformError(
        await client.files
          .completeUploadExternal({ files: [{ id: fileId }], channel_id: 'C0OPS' })
          .catch((e) => e),
      ).error,
    ).toBe('file_not_found');
    const posted = await fetch(started.upload_url ?? '', { method: 'POST', body: 'a,b' });
    expect(posted.status).toBe(200);
    expect(await posted.text()).toBe('OK - 3');
    expect(
      (await fetch(started.upload_url?.replace(fileId, 'F0000NOPE00') ?? '', { method: 'POST' }))
        .status,
    ).toBe(404);

    expect(
      platformError(
        await client.files
          .completeUploadExternal({ files: [{ id: fileId }], channel_id: 'C0NOPE' })
          .catch((e) => e),
      ).error,
    ).toBe('channel_not_found');
    expect(
      platformError(
        await client.files
          .completeUploadExternal({
            files: [{ id: fileId }],
            channel_id: 'C0OPS',
            thread_ts: '1700000000.000100',
          })
          .catch((e) => e),
      ).error,
    ).toBe('invalid_thread_ts');
    expect(
      platformError(
        await client.files.completeUploadExternal({ files: [] as never }).catch((e) => e),
      ).error,
    ).toBe('invalid_arguments');

    // The refusals shared nothing; the good call shares it once, and the id is then used up.
    expect(slack.messages('C0OPS')).toHaveLength(0);
    await client.files.completeUploadExternal({ files: [{ id: fileId }], channel_id: 'C0OPS' });
    expect(slack.messages('C0OPS')).toHaveLength(1);
    expect(
      platformError(
        await client.files
          .completeUploadExternal({ files: [{ id: fileId }], channel_id: 'C0OPS' })
          .catch((e) => e),
      ).error,
    ).toBe('file_not_found');
    expect(
      (await fetch(`${slack.apiUrl.replace('/api/', '')}/files/F0000NOPE00/x.csv`)).status,
    ).toBe(404);
  });
});
