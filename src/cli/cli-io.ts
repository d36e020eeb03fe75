/** What a CLI command may touch: injected so tests run commands in-process. */
import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** Exit codes: 0 done, 1 usage or configuration error, 2 unreadable input. */
export const EXIT = { ok: 0, usage: 1, input: 2 } as const;

/** Prints one JSON object on stdout. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Makes untrusted text safe for a terminal: control characters (ANSI escapes, carriage
 * returns that overwrite a line) are shown as \u escapes instead of acted on.
 */
export function printable(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Reads all of stdin as bytes. */
export async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
