/** Uploads files.getUploadURLExternal handed out, waiting for their bytes and completion. */

/** The largest file the stand-in keeps (Slack allows 1 GB; a local workspace file holds them all). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** How long an upload URL stays usable, as Slack's do (they expire within the hour). */
const UPLOAD_URL_MS = 60 * 60 * 1000;

export interface PendingUpload {
  id: string;
  filename: string;
  length: number;
  expiresAt: number;
  bytes?: Buffer;
}

/** Uploads handed out by getUploadURLExternal and not yet completed (not kept across restarts). */
export class PendingUploads {
  readonly #pending = new Map<string, PendingUpload>();
  readonly #now: () => number;

  constructor(now: () => number) {
    this.#now = now;
  }

  begin(id: string, filename: string, length: number): void {
    this.#pending.set(id, { id, filename, length, expiresAt: this.#now() + UPLOAD_URL_MS });
  }

  /** Whether `id` waits for its bytes (an unknown or expired id does not). */
  accepts(id: string): boolean {
    const upload = this.#pending.get(id);
    return upload !== undefined && upload.expiresAt > this.#now();
  }

  receive(id: string, bytes: Buffer): boolean {
    const upload = this.#pending.get(id);
    if (!upload || upload.expiresAt <= this.#now()) return false;
    upload.bytes = bytes;
    return true;
  }

  /** The upload with its bytes, or undefined when there is none or nothing arrived. */
  uploaded(id: string): (PendingUpload & { bytes: Buffer }) | undefined {
    const upload = this.#pending.get(id);
    return upload?.bytes ? (upload as PendingUpload & { bytes: Buffer }) : undefined;
  }

  finish(id: string): void {
    this.#pending.delete(id);
  }
}
