/**
 * The one-per-line texts of the business settings modal, both ways: fees ("Port fee: 18%",
 * "Cleaning: $50", "Fuel: $20/hour", "Bait: $5/guest") and people without Slack
 * ("Jules Fakename | deckhand, first mate | jules@example.com, +1 619 555 0113").
 */
import { parseAmountToCents } from '../src/money/cents.ts';
import type { Fee, RosterMember } from '../src/tenants/tenant-schema.ts';
import { centsToDollarsInput } from './slack-format.ts';

/** Non-empty trimmed lines, each with its 1-based line number in the text. */
export function numberedLines(text: string | null): { line: number; text: string }[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((t, i) => ({ line: i + 1, text: t.trim() }))
    .filter((l) => l.text.length > 0);
}

/** A fee as its modal line. */
export function formatFeeLine(fee: Fee): string {
  switch (fee.type) {
    case 'percent':
      return `${fee.label}: ${fee.bps / 100}%`;
    case 'fixed':
      return `${fee.label}: $${centsToDollarsInput(fee.cents)}`;
    case 'per_hour':
      return `${fee.label}: $${centsToDollarsInput(fee.cents)}/hour`;
    case 'per_guest':
      return `${fee.label}: $${centsToDollarsInput(fee.cents)}/guest`;
  }
}

/** A fee key from its label: "Port fee" → port_fee. */
export function feeKeyFor(label: string): string {
  const key = label
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[_0-9]+|_+$/g, '');
  return key || 'fee';
}

/**
 * One fee line read, without its key (the caller keeps an edited fee's key). A line that cannot
 * be read gives a message saying how to write it.
 */
export function parseFeeLine(
  text: string,
): { ok: true; fee: DistributiveOmit<Fee, 'key'> } | { ok: false; message: string } {
  const howTo = 'write "Label: 18%", "Label: $50", "Label: $20/hour" or "Label: $5/guest"';
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return { ok: false, message: howTo };
  const label = text.slice(0, colon).trim();
  const amount = text
    .slice(colon + 1)
    .trim()
    .toLowerCase();
  const percent = /^(\d+(?:\.\d{1,2})?)\s*%$/.exec(amount);
  if (percent)
    return { ok: true, fee: { label, type: 'percent', bps: Math.round(Number(percent[1]) * 100) } };
  const per = /^(.*?)\s*(?:\/|per\s+)\s*(hour|hr|h|guest|person)$/.exec(amount);
  const cents = parseAmountToCents(per ? (per[1] ?? '') : amount);
  if (cents === undefined) return { ok: false, message: howTo };
  const unit = per?.[2];
  if (unit === undefined) return { ok: true, fee: { label, type: 'fixed', cents } };
  return {
    ok: true,
    fee: { label, type: unit === 'guest' || unit === 'person' ? 'per_guest' : 'per_hour', cents },
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

const ROLE_WORDS: Record<string, string> = {
  captain: 'captain',
  'first mate': 'first_mate',
  first_mate: 'first_mate',
  mate: 'first_mate',
  deckhand: 'deckhand',
  'deck hand': 'deckhand',
  host: 'host',
};

/** A person without Slack as their modal line. */
export function formatPersonLine(member: RosterMember): string {
  const contact = [member.email, member.phone].filter(Boolean).join(', ');
  const roles = member.roles.map((r) => r.replace('_', ' ')).join(', ');
  return [member.name, roles, ...(contact ? [contact] : [])].join(' | ');
}

/**
 * One person line read: name, roles (a role word the schema does not know is kept as written,
 * so the schema's own message reports it), and contacts (an email has an @, else a phone).
 */
export function parsePersonLine(text: string): {
  name: string;
  roles: string[];
  email?: string;
  phone?: string;
} {
  const [name = '', roles = '', contact = ''] = text.split('|').map((part) => part.trim());
  const roleList = roles
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean)
    .map((r) => ROLE_WORDS[r] ?? r);
  const contacts = contact
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  const email = contacts.find((c) => c.includes('@'));
  const phone = contacts.find((c) => !c.includes('@'));
  return {
    name,
    roles: roleList,
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
  };
}

/** A slug id from a name ("Jules Fakename" → jules-fakename), `fallback` when nothing is left. */
export function slugIdFor(name: string, fallback: string): string {
  const id = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return id.length >= 2 ? id : fallback;
}
