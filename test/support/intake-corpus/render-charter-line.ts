/** Renders a random booking as a typed `/charter` line, the way an operator dashes one off. */

import { monthName } from './format-values.ts';
import {
  addDays,
  CORPUS_REFERENCE_DATE,
  type ExpectedFields,
  emptyExpectation,
  hhmm,
  weekday,
} from './random-booking.ts';
import type { SeededRandom } from './seeded-random.ts';

export interface GeneratedCharterLine {
  text: string;
  /** ISO instant used as the parse's `now`. */
  now: string;
  timeZone: string;
  expected: ExpectedFields;
  traits: string[];
}

const ZONES = [
  'America/Los_Angeles',
  'America/New_York',
  'America/Chicago',
  'Pacific/Honolulu',
  'Europe/Lisbon',
  'Australia/Sydney',
] as const;
const NAMES = [
  'Maren Oakes',
  'Zoë Brûlé',
  "Seán O'Connor",
  'Anne-Marie Duval',
  'José Núñez',
  'Åsa Lindqvist',
  'Kwame Osei-Bonsu',
  "D'Arcy Fitzgerald",
  'Mei-Ling Chou',
  'Björn Ødegaard',
  'Renée Dubois',
  'Iñaki García',
  "Aoife O'Brien-Walsh",
  'Chloé Le Guen',
  'Søren Müller',
  'Noé Sánchez-Ortiz',
] as const;
const MARINAS = [
  'Kona Kai Marina',
  'Shelter Island Marina',
  'Dinner Key Marina',
  'Harbor Town Yacht Basin',
  'Pier 39',
] as const;
const DAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
] as const;

function localDate(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

function dateToken(r: SeededRandom, ahead: number, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (ahead === 0) return r.pick(['today', 'Today']);
  if (ahead === 1) return r.pick(['tomorrow', 'tmrw', 'Tomorrow']);
  const day = DAYS[weekday(date)] as string;
  if (ahead < 7 && r.chance(0.6))
    return r.pick([day, day.slice(0, 3), `this ${day}`, day[0]?.toUpperCase() + day.slice(1)]);
  const mon = monthName(m);
  const nth = `${d}${d === 1 || d === 21 || d === 31 ? 'st' : d === 2 || d === 22 ? 'nd' : d === 3 || d === 23 ? 'rd' : 'th'}`;
  // "Saturday the 19th": within four weeks it is the first such day, so it names one date.
  if (ahead < 28 && r.chance(0.2))
    return r.pick([`${day} the ${nth}`, `${day.slice(0, 3)} ${nth}`, `${day} ${d}`]);
  return r.pick([
    `${mon.slice(0, 3).toLowerCase()} ${d}`,
    `${mon} ${d}`,
    `${m}/${d}`,
    date,
    `${mon.slice(0, 3)} ${nth}`,
    `${d} ${mon}`,
    `${m}/${d}/${y}`,
  ]);
}

function twelve(minutes: number): { h: number; mm: string; pm: boolean } {
  const h24 = Math.floor(minutes / 60);
  return { h: ((h24 + 11) % 12) + 1, mm: String(minutes % 60).padStart(2, '0'), pm: h24 >= 12 };
}

function clock(minutes: number, suffix: 'am' | 'AM' | 'a' | 'none'): string {
  const { h, mm, pm } = twelve(minutes);
  const base = mm === '00' ? `${h}` : `${h}:${mm}`;
  if (suffix === 'none') return base;
  if (suffix === 'a') return `${base}${pm ? 'p' : 'a'}`;
  if (suffix === 'AM') return `${base}${pm ? 'PM' : 'AM'}`;
  return `${base}${pm ? 'pm' : 'am'}`;
}

function durationToken(r: SeededRandom, minutes: number): string {
  const h = minutes / 60;
  const options: string[] = [`${minutes} min`];
  if (Number.isInteger(h)) options.push(`${h}h`, `${h} hours`, `${h} hrs`, `${h}hr`);
  else if (Number.isInteger(h * 2)) options.push(`${h} hrs`, `${h}h`, `${h} hours`);
  if (minutes % 60 !== 0 && minutes > 60) options.push(`${Math.floor(h)}h ${minutes % 60}m`);
  if (minutes === 240) options.push('half day', 'half-day');
  if (minutes === 480) options.push('all day', 'full day');
  return r.pick(options);
}

/** Start and length as the operator types them: a time and a length, or a range. */
function timing(
  r: SeededRandom,
  start: number,
  duration: number,
): { tokens: string[]; trait: string } {
  const end = start + duration;
  const onHour = start % 60 === 0 && end % 60 === 0;
  const forms: { trait: string; make: () => string[] }[] = [
    {
      trait: 'time+length',
      make: () => [
        `${r.chance(0.2) ? 'at ' : ''}${start === 720 && r.chance(0.5) ? 'noon' : clock(start, r.pick(['am', 'AM'] as const))}`,
        durationToken(r, duration),
      ],
    },
    {
      trait: 'range-both-meridiem',
      make: () => [`${clock(start, 'am')}${r.pick(['-', ' - ', ' to ', '–'])}${clock(end, 'am')}`],
    },
    { trait: 'range-24h', make: () => [`${hhmm(start)}-${hhmm(end)}`] },
    {
      trait: 'range-military',
      make: () => [`${hhmm(start).replace(':', '')}-${hhmm(end).replace(':', '')}`],
    },
    { trait: 'range-end-meridiem', make: () => [`${clock(start, 'none')}-${clock(end, 'am')}`] },
    { trait: 'range-a-p', make: () => [`${clock(start, 'a')}-${clock(end, 'a')}`] },
  ];
  // Both sides bare ("10-3") only where the daytime reading is the one any skipper means.
  if (onHour && start >= 7 * 60 && start <= 11 * 60 && end >= 12 * 60 && end <= 18 * 60) {
    forms.push({
      trait: 'range-bare',
      make: () => [`${clock(start, 'none')}-${clock(end, 'none')}`],
    });
  }
  if (start === 720)
    forms.push({
      trait: 'range-noon',
      make: () => [`noon to ${clock(end, r.chance(0.5) ? 'none' : 'am')}`],
    });
  const form = r.pick(forms);
  return { tokens: form.make(), trait: form.trait };
}

const MONTH_START = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/**
 * A shuffled order in which no token ending in a digit runs into one starting with a digit or
 * a month ("party of 8 dec 20" reads as Dec 8 to a person too): such lines would test a guess.
 */
function fairOrder(r: SeededRandom, groups: string[][], tail: string[]): string[] {
  const clashAt = (tokens: string[], i: number): boolean => {
    const next = tokens[i + 1];
    return (
      next !== undefined &&
      /\d$/.test(tokens[i] as string) &&
      (/^\d/.test(next) || MONTH_START.test(next))
    );
  };
  const clashes = (tokens: string[]): boolean => tokens.some((_, i) => clashAt(tokens, i));
  const order = (): string[] => [...r.shuffle(groups).flat(), ...tail];
  let tokens = order();
  for (let attempt = 0; attempt < 50 && clashes(tokens); attempt += 1) tokens = order();
  // When every order clashes, a comma separates the two, as people type it.
  return tokens.map((token, i) => (clashAt(tokens, i) ? `${token},` : token));
}

/** One generated `/charter` line with its expected fields. */
export function renderCharterLine(r: SeededRandom): GeneratedCharterLine {
  const timeZone = r.pick(ZONES);
  const nowDate = addDays(CORPUS_REFERENCE_DATE, r.int(0, 400));
  const now = new Date(
    `${nowDate}T${String(r.int(14, 20)).padStart(2, '0')}:${r.pick(['05', '30', '45'])}:00Z`,
  );
  const today = localDate(now, timeZone);
  const ahead = r.chance(0.25) ? r.int(0, 6) : r.int(7, 300);
  const date = addDays(today, ahead);
  const duration = r.pick([60, 90, 120, 120, 150, 180, 210, 240, 240, 300, 360, 480]);
  const latest = Math.min(17 * 60, 22 * 60 - duration);
  const start = Math.min(
    latest,
    r.int(6, Math.floor(latest / 60)) * 60 + (r.chance(0.75) ? 0 : 30),
  );
  const expected = emptyExpectation('booking');
  expected.date = date;
  expected.startLocal = hhmm(start);
  expected.durationMinutes = duration;
  const traits: string[] = [];
  const groups: string[][] = [[dateToken(r, ahead, date)]];
  const t = timing(r, start, duration);
  traits.push(t.trait);
  if (t.tokens.length === 2 && r.chance(0.3))
    groups.push([t.tokens[0] as string], [t.tokens[1] as string]);
  else groups.push(t.tokens);

  let countHasWord = false;
  if (r.chance(0.85)) {
    const n = r.int(2, 14);
    expected.partySize = n;
    const kids = n > 3 && r.chance(0.25) ? r.int(1, n - 2) : 0;
    const token = kids
      ? r.pick([
          `${n - kids} adults ${kids} ${kids === 1 ? 'kid' : 'kids'}`,
          `${n - kids} adults + ${kids} ${kids === 1 ? 'child' : 'children'}`,
          `${n - kids} adults, ${kids} ${kids === 1 ? 'kid' : 'kids'}`,
        ])
      : r.pick([
          `${n} guests`,
          `${n} ppl`,
          `party of ${n}`,
          `${n} pax`,
          `${n} people`,
          `group of ${n}`,
        ]);
    countHasWord = true;
    groups.push([token]);
    traits.push(kids ? 'count:split' : 'count');
  }
  if (r.chance(0.25)) {
    const id = `${r.pick(['QW', 'XH', 'BK', 'RZ'])}${r.int(1000, 9999)}${r.pick(['A', 'T', 'M'])}`;
    expected.bookingId = id;
    groups.push([`#${id}`]);
  }
  if (r.chance(0.3)) {
    expected.captainIncluded = r.chance(0.6);
    groups.push([
      expected.captainIncluded
        ? r.pick(['captain', 'with captain', 'captained'])
        : r.pick(['no captain', 'bareboat']),
    ]);
  }
  if (r.chance(0.2)) {
    const marina = r.pick(MARINAS);
    expected.departure = marina;
    groups.push([`${r.pick(['from', 'at'])} ${marina}`]);
  }
  let amountToken: string | null = null;
  if (r.chance(0.85)) {
    const dollars = r.int(150, 4800);
    const cents = r.chance(0.15) ? 50 : 0;
    expected.grossAmountCents = dollars * 100 + cents;
    const grouped = dollars.toLocaleString('en-US');
    const options = cents
      ? [`$${grouped}.50`, `$${dollars}.50`]
      : [`$${grouped}`, `$${dollars}`, `${dollars} dollars`, `USD ${grouped}`];
    if (!cents && countHasWord) options.push(`${dollars}`);
    amountToken = r.pick(options);
    traits.push(
      amountToken.startsWith('$') || amountToken.includes('USD') || amountToken.includes('dollars')
        ? 'amount'
        : 'amount:bare',
    );
  }
  let tail: string[] = [];
  if (r.chance(0.85)) {
    const name = r.pick(NAMES);
    expected.guestName = name;
    const placement = r.pick(['for', 'booked by', 'name:', 'bare-end', 'quoted'] as const);
    traits.push(`name:${placement}`);
    if (placement === 'bare-end' && amountToken !== null && !/^\d+$/.test(amountToken)) {
      // "… $700 Maren Oakes": the name right after the amount, with no keyword.
      tail = [amountToken, name];
      amountToken = null;
    } else if (placement === 'name:') {
      tail = [`name: ${name}`];
    } else if (placement === 'quoted') {
      groups.push([`"${name}"`]);
    } else {
      groups.push([`${placement === 'bare-end' ? 'for' : placement} ${name}`]);
    }
  }
  if (amountToken !== null) {
    // A bare number is read as the amount only when nothing else is left: keep it last.
    if (/^\d+$/.test(amountToken)) tail = [amountToken, ...tail];
    else groups.push([amountToken]);
  }
  const text = fairOrder(r, groups, tail).join(' ');
  return { text, now: now.toISOString(), timeZone, expected, traits };
}
