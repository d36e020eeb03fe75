/** A random booking for the generated corpus: what the message says, and so what parsing must return. */
import {
  type BookingFields,
  emptyBookingFields,
  type IntakeKind,
} from '../../../src/intake/intake-result.ts';
import type { SeededRandom } from './seeded-random.ts';

/** Every generated date is at or after this day, so the corpus never ages into the past. */
export const CORPUS_REFERENCE_DATE = '2027-03-01';

/** The fields a correct parser returns for a case: the kind and the eleven booking fields. */
export type ExpectedFields = { kind: IntakeKind } & BookingFields;

export interface CorpusBooking {
  bookingId: string;
  listingName: string;
  /** Local trip date, YYYY-MM-DD. */
  date: string;
  /** Minutes after local midnight. */
  startMinutes: number;
  durationMinutes: number;
  guestName: string;
  partySize: number;
  /** A split of partySize into adults and children, when the sender counts them apart. */
  children: number;
  grossAmountCents: number;
  payoutCents: number;
  captainIncluded: boolean;
  departure: string;
  /** The local day the marketplace sent its email (1–300 days before the trip). */
  sentDate: string;
  /** Renter contact details: other digits and an address that are not booking fields. */
  phone: string;
  email: string;
}

const FIRST = [
  'Maren',
  'Zoë',
  'Seán',
  'Anne-Marie',
  'José',
  'Åsa',
  'Kwame',
  "D'Arcy",
  'Mei-Ling',
  'Björn',
  'Renée',
  'Priya',
  'Tomás',
  'Ngozi',
  'Jean-Luc',
  'Chloé',
  'Iñaki',
  'Dmitri',
  'Aoife',
  'Malik',
  'Léa',
  'Søren',
  'Hana',
  'Rafael',
  'Oluwaseun',
  'Grace',
  'Ximena',
  'Noé',
  'Paulo',
  'Fatima',
] as const;
const LAST = [
  'Oakes',
  "O'Connor",
  'Núñez',
  'Osei-Bonsu',
  'Brûlé',
  'Lindqvist',
  'Ødegaard',
  'Duval-Pérez',
  "D'Amico",
  'Chou',
  'Fitzgerald',
  'Nakamura',
  'Müller',
  'García',
  'MacLeod',
  'Van der Berg',
  'Okafor',
  'Dubois',
  'Sánchez-Ortiz',
  'Kowalski',
  'Byrne',
  'Le Guen',
  'Haddad',
  'Ferreira',
] as const;
const BOATS = [
  "Sea Breeze 32' Sportfish",
  'Blue Heron',
  'Reel Therapy',
  'Knot on Call',
  'Salty Señorita',
  "Miss Behavin'",
  'Island Time',
  'Windsong (Catalina 30)',
  'Dockside Dreamer',
  'The Osprey',
  'Pelican Bay 24 Pontoon',
  'Wahoo Warrior',
  'Lady Marlène',
  'Second Wind',
  'Aurora 40 Catamaran',
  'Tide & Seek',
  'Hakuna Matata',
  'Bluewater 28 Center Console',
  'Sunset Chaser',
  'Névé',
] as const;
const DEPARTURES = [
  'Shelter Island Marina, Dock 3, 1450 Shelter Island Dr, San Diego, CA 92106',
  'Pier 39, Slip B-12, San Francisco, CA 94133',
  'Example Harbor Marina, Slip C-14, 100 Dock Rd, Fort Lauderdale, FL 33316',
  'Dinner Key Marina, 3400 Pan American Dr, Miami, FL 33133',
  'Kona Kai Marina, Gate 2',
  'Sample Cove Marina, Dock 4, 12 Harbor View Dr, Sarasota, FL 34236',
  'Lakeside Boat Ramp, 77 Shore Ln, Lake Havasu City, AZ 86403',
  'Harbor Town Yacht Basin, Slip 18, Hilton Head Island, SC 29928',
  'Fisherman’s Wharf, Berth 7, Monterey, CA 93940',
  'Marina del Rey, Dock 52, 4600 Admiralty Way, Marina del Rey, CA 90292',
] as const;
const ID_SHAPES = [
  (r: SeededRandom) => String(r.int(10_000_000, 99_999_999)),
  (r: SeededRandom) => letters(r, 7),
  (r: SeededRandom) => `GMB-${r.int(10_000, 99_999)}`,
  (r: SeededRandom) => `BK-${r.int(2027, 2029)}-${String(r.int(1, 9999)).padStart(4, '0')}`,
  (r: SeededRandom) => `SL${r.int(100_000, 999_999)}`,
  (r: SeededRandom) => `${letters(r, 2)}${r.int(1000, 9999)}${letters(r, 2)}`,
  (r: SeededRandom) => String(r.int(100_000, 999_999)),
] as const;
const DURATIONS = [
  60, 90, 120, 120, 150, 180, 180, 210, 240, 240, 240, 300, 360, 480, 480,
] as const;

function letters(r: SeededRandom, count: number): string {
  // No I or O: marketplaces avoid them in codes people read aloud.
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  return Array.from({ length: count }, () => r.pick([...alphabet])).join('');
}

/** Days after 1970-01-01 of a YYYY-MM-DD day (calendar arithmetic, no zone involved). */
export function dayNumber(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
}

export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** 0 = Sunday. */
export function weekday(date: string): number {
  return new Date(dayNumber(date) * 86_400_000).getUTCDay();
}

/** A random booking, every date at or after CORPUS_REFERENCE_DATE. */
export function randomBooking(r: SeededRandom): CorpusBooking {
  const sentDate = addDays(CORPUS_REFERENCE_DATE, r.int(0, 400));
  const durationMinutes = r.pick(DURATIONS);
  // Starts on the quarter hour, mostly on the hour; the trip ends by 22:00.
  const latestStart = Math.min(18 * 60, 22 * 60 - durationMinutes);
  const startHour = r.int(6, Math.floor(latestStart / 60));
  const startMinutes = Math.min(
    latestStart,
    startHour * 60 + (r.chance(0.7) ? 0 : r.pick([15, 30, 45])),
  );
  const partySize = r.int(1, 14);
  const grossDollars = r.int(150, 4800);
  const grossAmountCents = grossDollars * 100 + (r.chance(0.3) ? r.int(1, 99) : 0);
  const first = r.pick(FIRST);
  const last = r.pick(LAST);
  return {
    bookingId: r.pick(ID_SHAPES)(r),
    listingName: r.pick(BOATS),
    date: addDays(sentDate, r.int(1, 300)),
    startMinutes,
    durationMinutes,
    guestName: `${first} ${last}`,
    partySize,
    children: partySize > 3 && r.chance(0.5) ? r.int(1, partySize - 2) : 0,
    grossAmountCents,
    payoutCents: Math.round(grossAmountCents * (r.int(70, 90) / 100)),
    captainIncluded: r.chance(0.6),
    departure: r.pick(DEPARTURES),
    sentDate,
    phone: `(${r.pick(['954', '619', '305', '415', '843'])}) 555-0${r.int(100, 199)}`,
    email: `${first
      .toLowerCase()
      .normalize('NFD')
      .replace(/[^a-z]/g, '')}.guest${r.int(1, 99)}@example.com`,
  };
}

/** HH:mm of minutes after midnight. */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Every field of a booking as a parser should return it. */
export function fullExpectation(kind: IntakeKind, b: CorpusBooking): ExpectedFields {
  return {
    kind,
    bookingId: b.bookingId,
    listingName: b.listingName,
    date: b.date,
    startLocal: hhmm(b.startMinutes),
    durationMinutes: b.durationMinutes,
    guestName: b.guestName,
    partySize: b.partySize,
    grossAmountCents: b.grossAmountCents,
    payoutCents: b.payoutCents,
    captainIncluded: b.captainIncluded,
    departure: b.departure,
  };
}

/** Nothing but the kind: what a non-booking yields (a plainly stated id is added by the caller). */
export function emptyExpectation(kind: IntakeKind): ExpectedFields {
  return { kind, ...emptyBookingFields() };
}
