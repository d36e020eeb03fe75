/**
 * Slack's external file upload, as `WebClient.files.uploadV2` drives it:
 *
 * 1. `files.getUploadURLExternal` (`filename`, `length`) answers an `upload_url` on the
 *    stand-in's own server and a `file_id`;
 * 2. the bytes are POSTed to that URL (raw, or multipart with one file part), answered
 *    `200 OK - <bytes>` (see `file-transfer.ts`);
 * 3. `files.completeUploadExternal` (`files: [{id, title}]`, `channel_id`, `initial_comment`,
 *    `thread_ts`) shares the files as one message in that channel or DM (a file share without
 *    a channel stays private, as in Slack).
 *
 * Refusals are Slack's: `invalid_arguments` (missing or bad fields, `[ERROR] …` messages),
 * `file_not_found` (an id never handed out, already completed, or whose bytes never arrived),
 * `channel_not_found`, `invalid_thread_ts`.
 */
import { z } from 'zod';
import type { MethodContext, WebApiMethod } from './method-context.ts';
import { MAX_UPLOAD_BYTES, type PendingUpload } from './pending-uploads.ts';
import { SlackApiError } from './slack-api-error.ts';
import { parseArgs, slackString } from './web-api-args.ts';

type Json = Record<string, unknown>;

/** Content types by extension: the few kinds an app uploads; anything else is binary. */
const TYPES: Record<string, { mimetype: string; filetype: string; pretty: string }> = {
  csv: { mimetype: 'text/csv', filetype: 'csv', pretty: 'CSV' },
  txt: { mimetype: 'text/plain', filetype: 'text', pretty: 'Plain Text' },
  json: { mimetype: 'application/json', filetype: 'json', pretty: 'JSON' },
  pdf: { mimetype: 'application/pdf', filetype: 'pdf', pretty: 'PDF' },
  png: { mimetype: 'image/png', filetype: 'png', pretty: 'PNG' },
  jpg: { mimetype: 'image/jpeg', filetype: 'jpg', pretty: 'JPEG' },
  jpeg: { mimetype: 'image/jpeg', filetype: 'jpg', pretty: 'JPEG' },
};
const BINARY = { mimetype: 'application/octet-stream', filetype: 'binary', pretty: 'Binary' };

export function fileKind(filename: string): { mimetype: string; filetype: string; pretty: string } {
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase() ?? '';
  return TYPES[extension] ?? BINARY;
}

const getUploadArgs = z.looseObject({
  filename: z.string().min(1).max(255),
  length: z.coerce.number().int().positive().max(MAX_UPLOAD_BYTES),
  alt_txt: z.string().max(1000).optional(),
  snippet_type: z.string().optional(),
});

const getUploadURLExternal: WebApiMethod = (raw, context) => {
  const args = parseArgs(getUploadArgs, raw);
  const id = context.ids.fileId();
  context.uploads.begin(id, args.filename, args.length);
  return { ok: true, upload_url: `${context.baseUrl()}/upload/${id}`, file_id: id };
};

const fileRef = z.looseObject({ id: z.string().min(1), title: z.string().max(255).optional() });

const completeArgs = z.looseObject({
  // WebClient sends `files` JSON-encoded inside the form.
  files: z.preprocess(
    (value) => (typeof value === 'string' ? safeJson(value) : value),
    z.array(fileRef).min(1).max(10),
  ),
  channel_id: z.string().min(1).optional(),
  channels: z.string().min(1).optional(),
  initial_comment: z.string().max(40_000).optional(),
  thread_ts: slackString.optional(),
});

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Slack's file object for a shared file (the fields apps read). */
function fileObject(
  context: MethodContext,
  upload: PendingUpload & { bytes: Buffer },
  title: string,
  channel: { id: string; kind: string } | undefined,
): Json {
  const kind = fileKind(upload.filename);
  const created = Math.floor(context.now() / 1000);
  const base = context.baseUrl();
  const path = `${upload.id}/${encodeURIComponent(upload.filename)}`;
  return {
    id: upload.id,
    created,
    timestamp: created,
    name: upload.filename,
    title,
    mimetype: kind.mimetype,
    filetype: kind.filetype,
    pretty_type: kind.pretty,
    user: context.workspace.botUserId,
    user_team: context.workspace.teamId,
    editable: false,
    size: upload.bytes.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: channel?.kind === 'channel',
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `${base}/files/${path}`,
    url_private_download: `${base}/files/${path}?download=1`,
    permalink: `https://${context.teamDomain}.slack.com/files/${context.workspace.botUserId}/${upload.id}`,
    channels: channel?.kind === 'channel' ? [channel.id] : [],
    groups: channel?.kind === 'group' ? [channel.id] : [],
    ims: channel?.kind === 'im' ? [channel.id] : [],
    comments_count: 0,
  };
}

const completeUploadExternal: WebApiMethod = (raw, context) => {
  const args = parseArgs(completeArgs, raw);
  const { workspace, uploads } = context;
  const target = args.channel_id ?? args.channels;
  if (target?.includes(','))
    throw SlackApiError.withMessages('invalid_arguments', [
      'the Slack stand-in shares a file in one channel only',
    ]);
  const channel = target === undefined ? undefined : workspace.resolveChannel(target);
  if (target !== undefined && !channel) throw new SlackApiError('channel_not_found');
  if (args.thread_ts !== undefined) {
    if (!channel)
      throw SlackApiError.withMessages('invalid_arguments', [
        'thread_ts needs channel_id [json-pointer:/thread_ts]',
      ]);
    const parent = workspace.findMessage(channel.id, args.thread_ts);
    if (!parent || parent.threadTs !== undefined || parent.ephemeralTo !== undefined)
      throw new SlackApiError('invalid_thread_ts');
  }
  // All or nothing: every file must have arrived before any is shared.
  const found = args.files.map((ref) => ({ ref, upload: uploads.uploaded(ref.id) }));
  if (found.some((f) => f.upload === undefined)) throw new SlackApiError('file_not_found');
  const files = found.map(({ ref, upload }) => {
    const done = upload as PendingUpload & { bytes: Buffer };
    const file = fileObject(context, done, ref.title ?? done.filename, channel);
    workspace.addFile(file as Json & { id: string });
    workspace.setFileBytes(done.id, done.bytes);
    uploads.finish(done.id);
    return file;
  });
  if (channel) {
    workspace.addMessage({
      channel: channel.id,
      ts: workspace.nextTs(channel.id),
      threadTs: args.thread_ts,
      text: args.initial_comment ?? '',
      user: workspace.botUserId,
      botId: workspace.botId,
      subtype: 'file_share',
      files,
    });
  }
  return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
};

export const fileMethods: Record<string, WebApiMethod> = {
  'files.getUploadURLExternal': getUploadURLExternal,
  'files.completeUploadExternal': completeUploadExternal,
};
