import type { RecordedEvent } from '@stepwell/event-store';
import { ProjectionRunner } from '@stepwell/read-models';
import { DataSource, type EntityManager } from 'typeorm';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';
import { ReferralsProjection } from './referrals-projection';

const WRITERS = 8;

/**
 * Issue 13 item 1 / issue 14 goal 0: a request waits for the position its own append returned, instead of catching
 * the read models up under one global advisory lock. Here the projection is held on purpose before it applies any
 * received referral, so every writer is caught mid-request: all 8 must be waiting at once (their in-flight windows
 * overlap) with no database lock waited for — under the old catch-up, one request held the lock and 7 queued on it.
 */
describe('read-your-writes through the position wait, without the global catch-up lock', () => {
  let service: ReferralsTestApp;
  beforeAll(async () => {
    service = await startReferralsTestApp('read_your_writes');
  });
  afterAll(() => service.close());

  it(`lets ${WRITERS} writers on different streams wait at the same time, none on a lock, and each then reads its own referral`, async () => {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const projection = service.app.get(ReferralsProjection);
    // The runner hands the projection whole pages (`applyPage`).
    const applyPage = projection.applyPage.bind(projection);
    projection.applyPage = async (manager: EntityManager, events: readonly RecordedEvent[]) => {
      if (events.some((event) => event.type === 'ReferralReceived')) await gate;
      await applyPage(manager, events);
    };

    const runner = service.app.get(ProjectionRunner);
    const waitFor = runner.waitFor.bind(runner);
    let inFlight = 0;
    let mostAtOnce = 0;
    let allWaiting!: () => void;
    const everyoneWaiting = new Promise<void>((resolve) => (allWaiting = resolve));
    runner.waitFor = async (position, timeoutMs) => {
      inFlight += 1;
      mostAtOnce = Math.max(mostAtOnce, inFlight);
      if (inFlight === WRITERS) allWaiting();
      try {
        await waitFor(position, timeoutMs);
      } finally {
        inFlight -= 1;
      }
    };

    let answered = 0;
    const requests = Array.from({ length: WRITERS }, (_, index) =>
      service
        .http()
        .post('/referrals')
        .send(referralFor(100 + index))
        .expect(201)
        .then((response) => {
          answered += 1;
          return response.body.id as string;
        }),
    );
    await everyoneWaiting;
    // Every writer has appended and is waiting for its own position; nobody answered, and nobody waits on a lock.
    expect(answered).toBe(0);
    expect(mostAtOnce).toBe(WRITERS);
    const lockWaits = (await service.app.get(DataSource).query(
      `SELECT locktype, mode FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    )) as unknown[];
    expect(lockWaits).toEqual([]);

    openGate();
    const ids = await Promise.all(requests);
    expect(new Set(ids).size).toBe(WRITERS);
    // Each 201 means readable: the referral (and the care relationship that lets its referrer read it) is in the read models.
    for (const id of ids) await service.http().get(`/referrals/${id}`).expect(200);
  });
});
