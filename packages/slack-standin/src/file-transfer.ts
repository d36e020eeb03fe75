/**
 * The byte-carrying routes of the stand-in, served from the raw node:http request (the Web API's
 * routes read bodies as text, which would damage binary files):
 *
 * - `POST <base>/upload/<file id>`: the upload URL files.getUploadURLExternal hands out. Raw
 *   bytes, or multipart/form-data with one file part (what WebClient's uploadV2 sends, field
 *   `body`). Answers `200 OK - <bytes>` as Slack's upload service does; 404 for an id never
 *   handed out (or expired), 413 over MAX_UPLOAD_BYTES.
 * - `GET <base>/files/<file id>/<name>`: a shared file's bytes with its content type (the
 *   browser workspace's download link; `?download=1` as an attachment). Loopback only, so no
 *   token is asked for, unlike Slack's url_private.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileKind } from './file-methods.ts';
import { MAX_UPLOAD_BYTES, type PendingUploads } from './pending-uploads.ts';
import type { Workspace } from './workspace.ts';

const UPLOAD_PATH = /^\/upload\/(F[A-Z0-9]{4,20})$/;
const FILE_PATH = /^\/files\/(F[A-Z0-9]{4,20})\/[^/]+$/;

function text(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/** The body, or 'too_large' once it passes `limit` (the rest is drained so the 413 arrives). */
async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= limit) chunks.push(chunk as Buffer);
  }
  return size > limit ? 'too_large' : Buffer.concat(chunks);
}

/** The file's bytes from a multipart body (Node's own multipart parser), else the body itself. */
async function fileBytes(contentType: string, body: Buffer): Promise<Buffer | undefined> {
  if (!/^multipart\/form-data/i.test(contentType)) return body;
  try {
    const form = await new Request('http://standin.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    }).formData();
    const part = [...form.values()].find((value) => typeof value !== 'string');
    return part === undefined ? undefined : Buffer.from(await part.arrayBuffer());
  } catch {
    return undefined;
  }
}

async function upload(
  uploads: PendingUploads,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  // Slack's own limit would be far larger; beyond the stand-in's, say so with a 413.
  const body = await readBytes(req, MAX_UPLOAD_BYTES + 64 * 1024);
  if (!uploads.accepts(id)) return text(res, 404, 'file_not_found');
  if (body === 'too_large') return text(res, 413, 'file_too_large');
  const bytes = await fileBytes(req.headers['content-type'] ?? '', body);
  if (bytes === undefined) return text(res, 400, 'invalid_form_data');
  if (bytes.length > MAX_UPLOAD_BYTES) return text(res, 413, 'file_too_large');
  uploads.receive(id, bytes);
  text(res, 200, `OK - ${bytes.length}`);
}

function download(
  workspace: Workspace,
  id: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const file = workspace.file(id);
  const bytes = workspace.fileBytes(id);
  if (!file || !bytes) {
    text(res, 404, 'file_not_found');
    return;
  }
  const name = typeof file.name === 'string' ? file.name : id;
  const mimetype = typeof file.mimetype === 'string' ? file.mimetype : fileKind(name).mimetype;
  const asAttachment = new URL(req.url ?? '/', 'http://localhost').searchParams.has('download');
  res.writeHead(200, {
    'content-type': mimetype.startsWith('text/') ? `${mimetype}; charset=utf-8` : mimetype,
    'content-length': bytes.length,
    'content-disposition': `${asAttachment ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(name)}`,
    'x-content-type-options': 'nosniff',
    // A shared file is shown, never run: no scripts even for an HTML upload.
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/**
 * Serves `path` (below the stand-in's base) when it is an upload or a file; false otherwise,
 * so the caller's other routes get it.
 */
export function serveFileTransfer(
  deps: { uploads: PendingUploads; workspace: Workspace; changed: () => void },
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): boolean {
  const uploadId = UPLOAD_PATH.exec(path)?.[1];
  if (uploadId && req.method === 'POST') {
    void upload(deps.uploads, uploadId, req, res)
      .catch(() => {
        if (!res.headersSent) text(res, 500, 'upload failed');
        else res.destroy();
      })
      .finally(deps.changed);
    return true;
  }
  const fileId = FILE_PATH.exec(path)?.[1];
  if (fileId && (req.method === 'GET' || req.method === 'HEAD')) {
    download(deps.workspace, fileId, req, res);
    return true;
  }
  return false;
}
