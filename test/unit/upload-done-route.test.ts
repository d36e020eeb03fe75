/**
 * `POST /g/<slug>/uploads/done` without a socket: it only queues a recount, with the presign
 * route's checks, a key of this trip, the window (plus a presigned POST's lifetime), and at
 * most one "done" per presigned POST handed out.
 */
import { describe, expect, it } from 'vitest';
import type { Booking } from '../../src/bookings/booking.ts';
import { EXAMPLE_TENANTS_FILE } from '../../src/config/config.ts';
import { MemoryUploadCounter } from '../../src/storage/memory-upload-counter.ts';
import { loadTenantsFile } from '../../src/tenants/tenant-registry.ts';
import {
  createUploadDoneHandler,
  createUploadDoneRoutes,
  type UploadDoneDeps,
} from '../../src/uploads/upload-done-route.ts';
import { UPLOAD_PATH } from '../../src/uploads/upload-routes.ts';
import { serviceRequest } from '../support/service-request.ts';

const registry = await loadTenantsFile(EXAMPLE_TENANTS_FILE);
const QUEEN = registry.get('queen-of-san-diego');
const NOW = new Date();
const HOUR = 3_600_000;
const KEY = `uploads/${QUEEN.id}/K7QM2XD/AbCdEfGhIjKlMnOpQrStUv.jpg`;

function booking(overrides: Partial<Booking> = {}): Booking {
  return {
    tenantId: QUEEN.id,
    bookingId: 'BK01',
    guestSlug: 'K7QM2XD',
    crewSlug: 'R4TW9PLC2M',
    startsAt: new Date(NOW.getTime() - HOUR).toISOString(),
    endsAt: new Date(NOW.getTime() + 3 * HOUR).toISOString(),
    status: 'active',
    ...overrides,
  } as Booking;
}

function deps(options: { booking?: Booking; now?: Date; presigned?: number } = {}) {
  const b = options.booking ?? booking();
  const landed: string[] = [];
  const counter = new MemoryUploadCounter();
  const d: UploadDoneDeps = {
    store: {
      async findSlug(slug) {
        if (slug === b.guestSlug)
          return { tenantId: b.tenantId, bookingId: b.bookingId, kind: 'guest' };
        if (slug === b.crewSlug)
          return { tenantId: b.tenantId, bookingId: b.bookingId, kind: 'crew' };
        return undefined;
      },
      async get(tenantId, bookingId) {
        return tenantId === b.tenantId && bookingId === b.bookingId ? b : undefined;
      },
    },
    tenants: { list: () => registry.list() },
    counter,
    photosLanded: (tenantId, bookingId) => landed.push(`${tenantId}/${bookingId}`),
    clock: () => options.now ?? NOW,
  };
  return { d, landed, counter, presign: () => counter.reserve(b.tenantId, b.bookingId, 200) };
}

const done = (
  d: UploadDoneDeps,
  body: unknown,
  slug = 'K7QM2XD',
  headers = { 'content-type': 'application/json' },
) =>
  createUploadDoneHandler(d)(serviceRequest('POST', `/g/${slug}/uploads/done`, { body, headers }));

describe('POST /g/<slug>/uploads/done', () => {
  it('queues a recount for a photo that was presigned, once per presigned POST', async () => {
    const { d, landed, presign } = deps();
    await presign();
    await presign();

    const first = await done(d, { key: KEY });
    const second = await done(d, { key: KEY });
    const third = await done(d, { key: KEY });

    expect([first.status, second.status, third.status]).toEqual([202, 202, 429]);
    expect(JSON.parse(first.body)).toEqual({ status: 'queued' });
    expect(JSON.parse(third.body).error).toBe('too_many_requests');
    expect(landed).toEqual([`${QUEEN.id}/BK01`, `${QUEEN.id}/BK01`]);
  });

  it('refuses what the presign route refuses, and a key of another trip', async () => {
    const { d, landed, presign } = deps();
    await presign();
    const codes = async (response: Promise<{ status: number; body: string }>) => {
      const r = await response;
      return [r.status, JSON.parse(r.body).error];
    };

    expect(await codes(done(d, { key: KEY }, 'R4TW9PLC2M'))).toEqual([404, 'not_found']);
    expect(await codes(done(d, { key: KEY }, 'NOSUCH12'))).toEqual([404, 'not_found']);
    expect(await codes(done(d, { key: KEY }, 'K7QM2XD', { 'content-type': 'text/plain' }))).toEqual(
      [415, 'unsupported_media_type'],
    );
    expect(await codes(done(d, { nope: 1 }))).toEqual([400, 'invalid_request']);
    expect(
      await codes(done(d, { key: `uploads/${QUEEN.id}/OTHER12/AbCdEfGhIjKlMnOpQrStUv.jpg` })),
    ).toEqual([400, 'invalid_request']);
    expect(
      await codes(createUploadDoneHandler(d)(serviceRequest('GET', '/g/K7QM2XD/uploads/done'))),
    ).toEqual([405, 'method_not_allowed']);
    expect(landed).toEqual([]);
  });

  it('refuses a cancelled charter and outside the window; a photo still on its way is taken', async () => {
    const cancelled = deps({ booking: booking({ status: 'cancelled' }) });
    expect((await done(cancelled.d, { key: KEY })).status).toBe(410);

    const early = deps({
      booking: booking({
        startsAt: new Date(NOW.getTime() + 5 * HOUR).toISOString(),
        endsAt: new Date(NOW.getTime() + 8 * HOUR).toISOString(),
      }),
    });
    await early.presign();
    expect(JSON.parse((await done(early.d, { key: KEY })).body).error).toBe('uploads_not_open');

    // The window closed 5 minutes ago: a POST presigned before then may still have landed.
    const closesAt = NOW.getTime() - 5 * 60_000;
    const endsAt = closesAt - QUEEN.uploads.closesDaysAfter * 24 * HOUR;
    const justClosed = deps({
      booking: booking({
        startsAt: new Date(endsAt - 4 * HOUR).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
      }),
    });
    await justClosed.presign();
    expect((await done(justClosed.d, { key: KEY })).status).toBe(202);

    const longClosed = deps({
      booking: booking({
        startsAt: new Date(endsAt - 4 * HOUR).toISOString(),
        endsAt: new Date(endsAt).toISOString(),
      }),
      now: new Date(NOW.getTime() + HOUR),
    });
    await longClosed.presign();
    expect(JSON.parse((await done(longClosed.d, { key: KEY })).body).error).toBe('uploads_closed');
  });

  it('claims only /g/<slug>/uploads/done, beside the presign route', () => {
    const [route] = createUploadDoneRoutes(deps().d);
    expect(route?.matches?.('/g/K7QM2XD/uploads/done')).toBe(true);
    expect(route?.matches?.('/g/K7QM2XD/uploads')).toBe(false);
    expect(route?.matches?.('/g/K7QM2XD')).toBe(false);
    expect(UPLOAD_PATH.test('/g/K7QM2XD/uploads/done')).toBe(false);
  });
});
