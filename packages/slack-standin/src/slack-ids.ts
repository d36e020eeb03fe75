/** Slack-shaped identifiers the stand-in hands out: message ts, view ids and hashes, triggers. */
import { randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomAlphanumeric(length: number): string {
  return [...randomBytes(length)].map((byte) => ALPHANUMERIC[byte % 36]).join('');
}

/** A Slack timestamp (`"1780000000.000100"`) from microseconds since the epoch. */
export function formatTs(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

/** Microseconds since the epoch from a Slack timestamp, or undefined when it is not one. */
export function parseTs(ts: string): number | undefined {
  const match = /^(\d{1,12})\.(\d{6})$/.exec(ts);
  if (!match) return undefined;
  return Number(match[1]) * 1_000_000 + Number(match[2]);
}

/**
 * Ids in Slack's formats. Counters make them readable in test output; the random part keeps
 * ids from two stand-ins (or two runs) from looking alike.
 */
export class SlackIds {
  readonly #now: () => number;
  #counter = 0;

  constructor(now: () => number) {
    this.#now = now;
  }

  #next(): number {
    this.#counter += 1;
    return this.#counter;
  }

  /** `V` + 10 characters, like `VMHU10V25`. */
  viewId(): string {
    return `V${String(this.#next()).padStart(4, '0')}${randomAlphanumeric(6)}`;
  }

  /** `F` + 10 characters. */
  fileId(): string {
    return `F${String(this.#next()).padStart(4, '0')}${randomAlphanumeric(6)}`;
  }

  /** `Ev` + 10 characters. */
  eventId(): string {
    return `Ev${String(this.#next()).padStart(4, '0')}${randomAlphanumeric(6)}`;
  }

  /** A view hash, which Slack formats like `156772938.1827394`; new on every change. */
  viewHash(): string {
    return `${Math.floor(this.#now() / 1000)}.${this.#next()}${randomBytes(3).readUIntBE(0, 3)}`;
  }

  /** A trigger id in Slack's `12345.98765.abcd2358fdea` shape. */
  triggerId(): string {
    return `${this.#next()}.${Math.floor(this.#now() / 1000)}.${randomBytes(16).toString('hex')}`;
  }

  /** Slack fills in a block_id or action_id the app left out with a short random one. */
  generatedId(): string {
    return randomAlphanumeric(5);
  }

  /** An opaque token for a response_url path. */
  secret(): string {
    return randomBytes(12).toString('hex');
  }
}
