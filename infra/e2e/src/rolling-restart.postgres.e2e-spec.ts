import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createTestIssuer, type TestUser, users } from '@stepwell/access/testing';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { Pool } from 'pg';
import { londonWallClock } from './support/scheduling-api';
import { freePort, type ServiceProcess, startService } from './support/service-process';
import { waitUntil } from './support/wait-until';

// Issue 14 goal 6: two instances of referrals and of scheduling, each pair behind the round-robin proxy of
// `npm start -- --instances 2` (infra/local/round-robin-proxy.mjs), on the PostgreSQL transport. 1,000 mixed commands
// go through the proxies while the leading instance of each service is SIGKILLed and started again, and then the
// other one (a rolling restart). Every command is retried on 502/503/429 with the same Idempotency-Key or If-Match,
// as a client does after a lost answer. Run alone: `KAFKA_BROKERS=unused:1 npx jest -c infra/e2e/jest.config.js rolling-restart`.

const ROOT = join(__dirname, '../../..');
// ROLLING_RESTART_COMMANDS (default 1,000) scales the mix: 30% POST /referrals, 20% withdrawals, 10% POST /clinicians,
// 40% diary sessions (a smaller run on a machine shared with other heavy work; the assertions are the same).
const COMMANDS = Number(process.env['ROLLING_RESTART_COMMANDS'] ?? 1000);
const REFERRALS = Math.round(COMMANDS * 0.3); // 300 POST /referrals + 200 withdrawals
const CLINICIANS = Math.round(COMMANDS * 0.1); // 100 POST /clinicians + 4 diary sessions each
const SESSIONS_PER_CLINICIAN = 4;
const WORKERS = 8;
const TOTAL = REFERRALS + Math.ceil((REFERRALS * 2) / 3) + CLINICIANS * (1 + SESSIONS_PER_CLINICIAN);
const ADMIN: TestUser = { user: 'u-tt-admin-rolling', org: users.therapist.org, orgType: 'talking-therapies', roles: ['admin'] };
const REFERRALS_TOPIC = 'stepwell.referrals.events';

const began = Date.now();
/** A progress line on stderr (counts and roles only), so that a slow run shows where it is. */
const note = (line: string) => process.stderr.write(`[rolling-restart +${((Date.now() - began) / 1000).toFixed(1)} s] ${line}\n`);

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

interface Proxy {
  url: string;
  child: ChildProcess;
}

/** The round-robin proxy of the local launcher, as its own process in front of `targets`. */
async function startProxy(targets: readonly number[]): Promise<Proxy> {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'infra/local/round-robin-proxy.mjs'), '--listen', '127.0.0.1:0', ...targets.flatMap((port) => ['--target', `127.0.0.1:${port}`])],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const found = /proxy listening on (http:\/\/[0-9.:]+)/.exec(chunk.toString());
      if (found?.[1]) resolve(found[1]);
    });
    child.once('exit', (code) => reject(new Error(`the proxy exited (${code}) before it listened`)));
  });
  return { url, child };
}

type Role = 'leader' | 'standby' | 'down';

/** What one instance says of itself on /ready: it runs the relay (leads) or stands by. */
async function roleOf(instance: ServiceProcess): Promise<Role> {
  const response = await fetch(`${instance.baseUrl}/ready`).catch(() => null);
  if (!response) return 'down';
  const body = (await response.json().catch(() => ({}))) as { details?: { messaging?: { relay?: { state?: string } } } };
  const state = body.details?.messaging?.relay?.state;
  if (state === undefined) return 'down';
  return state === 'standby' ? 'standby' : 'leader';
}

describe('two instances of referrals and scheduling behind a proxy, through a rolling restart (PostgreSQL transport)', () => {
  let database: TestDatabase;
  let pool: Pool;
  let env: Record<string, string>;
  const instances: Record<'referrals' | 'scheduling', ServiceProcess[]> = { referrals: [], scheduling: [] };
  const proxies: Partial<Record<'referrals' | 'scheduling', Proxy>> = {};
  /** Every instance started, killed ones too: their output explains an unexpected answer. */
  const everyInstance: ServiceProcess[] = [];
  let bearers: { referrer: string; admin: string };

  beforeAll(async () => {
    database = await createTestDatabase('e2e-rolling-restart');
    pool = new Pool({ connectionString: database.url, max: 3 });
    const issuer = createTestIssuer();
    bearers = { referrer: await issuer.bearer(users.gpClinician), admin: await issuer.bearer(ADMIN) };
    env = {
      DATABASE_URL: database.url,
      ...issuer.env,
      // One organisation sends all 1,000 commands within a couple of minutes.
      RATE_LIMIT_ORGANISATION_WRITES_PER_MINUTE: '100000',
      TRUSTED_PROXIES: '127.0.0.1',
    };
    // Both instances of a service start at once, as a deployment starts them (migrations run once, under their lock).
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const [r1, r2, s1, s2] = await Promise.all([
      startService('referrals', env, { port: ports[0], readyTimeoutMs: 170_000 }),
      startService('referrals', env, { port: ports[1], readyTimeoutMs: 170_000 }),
      startService('scheduling', env, { port: ports[2], readyTimeoutMs: 170_000 }),
      startService('scheduling', env, { port: ports[3], readyTimeoutMs: 170_000 }),
    ]);
    note('four instances ready');
    everyInstance.push(r1, r2, s1, s2);
    instances.referrals = [r1, r2];
    instances.scheduling = [s1, s2];
    proxies.referrals = await startProxy([r1.port, r2.port]);
    proxies.scheduling = await startProxy([s1.port, s2.port]);
  }, 200_000);

  afterAll(async () => {
    await Promise.all([...instances.referrals, ...instances.scheduling].map((instance) => instance.stop()));
    await Promise.all(
      Object.values(proxies).map(
        (proxy) =>
          proxy &&
          new Promise<void>((resolve) => {
            if (proxy.child.exitCode !== null || proxy.child.signalCode !== null) return resolve();
            proxy.child.once('exit', () => resolve());
            proxy.child.kill('SIGTERM');
          }),
      ),
    );
    await pool?.end();
    await database?.drop();
  });

  it('loses no acknowledged command, duplicates no effect, publishes each event once in effect and in order, and moves leadership to the survivor', async () => {
    const started = Date.now();
    let acknowledged = 0;
    let retries = 0;
    let twinConflicts = 0;
    let progress = 0;

    /** One command through the proxy, sent again on an answer that says nothing about its effect (502, 503, 429). */
    const command = async (service: 'referrals' | 'scheduling', path: string, bearer: string, body: unknown, headers: Record<string, string>, ok: readonly number[]): Promise<Answer> => {
      const proxy = proxies[service];
      if (!proxy) throw new Error(`no proxy for ${service}`);
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`${proxy.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: bearer, ...headers },
          body: JSON.stringify(body),
        }).catch(() => null);
        if (response && ![502, 503, 429].includes(response.status)) {
          const text = await response.text();
          const answer: Answer = { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
          // A retry can meet its own first attempt still running (that attempt was answered 503 by the service's request
          // timeout, or 502 by the proxy, but goes on): a conflict then is the twin's, and the next retry replays it.
          if (attempt > 1 && [409, 422].includes(answer.status)) {
            twinConflicts += 1;
            await new Promise((resolve) => setTimeout(resolve, 200));
            continue;
          }
          if (!ok.includes(answer.status)) {
            const correlationId = String(answer.body['correlationId'] ?? '-');
            const logs = everyInstance.flatMap((instance) => instance.output().split('\n').filter((_line, i, all) => all.slice(Math.max(0, i - 3), i + 1).some((near) => near.includes(correlationId))));
            throw new Error(`POST ${path}: ${answer.status} ${text}\n${logs.slice(0, 40).join('\n')}`);
          }
          progress += 1;
          if (progress % 100 === 0) note(`${progress} commands answered (${retries} retries so far)`);
          return answer;
        }
        if (attempt > 200) throw new Error(`POST ${path}: still ${response?.status ?? 'no answer'} after ${attempt} attempts`);
        retries += 1;
        // The pause between attempts of a client, not a wait for a condition.
        await new Promise((resolve) => setTimeout(resolve, Math.min(500, 25 * attempt)));
      }
    };

    // What the test caused, for the checks at the end.
    const referrals: Array<{ n: number; id: string; patient: string; withdrawn: 'acknowledged' | 'confirmed-after-lost-answer' | null }> = [];
    const clinicians: Array<{ id: string; sessions: string[] }> = [];

    const referralChain = async (n: number) => {
      const received = await command(
        'referrals',
        '/referrals',
        bearers.referrer,
        {
          source: 'gp',
          receivingOrganisation: 'RXT01',
          registeredGpPractice: 'A81001',
          urgency: n % 2 === 0 ? 'routine' : 'urgent',
          reason: `Rolling restart referral ${n}`,
          patient: { givenName: 'Rolling', familyName: `Restart${n}`, dateOfBirth: '1982-03-04', postcode: 'LS1 4AP', email: `rolling${n}@example.org` },
          presentingProblems: ['low-mood'],
          riskIndicators: { selfHarm: false, suicidalThoughts: false, harmToOthers: false },
          consentToShare: true,
        },
        { 'idempotency-key': `rolling-referral-${n}` },
        [200, 201],
      );
      acknowledged += 1;
      const record = { n, id: String(received.body['id']), patient: String(received.body['patientSubjectId']), withdrawn: null as (typeof referrals)[number]['withdrawn'] };
      referrals.push(record);
      if (n % 3 === 0) return;
      // Conditional on the revision just created: a retry after the first attempt took effect is refused (412)
      // and writes nothing; the withdrawal is then confirmed from the store below.
      const etag = received.headers.get('etag') ?? '"1"';
      const withdrawn = await command('referrals', `/referrals/${record.id}/withdraw`, bearers.referrer, { reason: 'patient-request' }, { 'if-match': etag }, [200, 412]);
      if (withdrawn.status === 200) acknowledged += 1;
      record.withdrawn = withdrawn.status === 200 ? 'acknowledged' : 'confirmed-after-lost-answer';
    };

    const clinicianChain = async (k: number) => {
      const registered = await command(
        'scheduling',
        '/clinicians',
        bearers.admin,
        { name: `Rolling Therapist ${k}`, organisation: ADMIN.org, role: 'high-intensity-therapist', languages: ['en'], sites: ['site-1'] },
        { 'idempotency-key': `rolling-clinician-${k}` },
        [200, 201],
      );
      acknowledged += 1;
      const clinician = { id: String(registered.body['id']), sessions: [] as string[] };
      clinicians.push(clinician);
      for (let d = 0; d < SESSIONS_PER_CLINICIAN; d++) {
        const date = londonWallClock(new Date(Date.now() + (2 + d) * 86_400_000)).date;
        const session = await command(
          'scheduling',
          `/clinicians/${clinician.id}/sessions`,
          bearers.admin,
          { date, startTime: '09:00', endTime: '10:00', slotLengthMinutes: 60, modes: ['video'], site: 'site-1', purposes: ['treatment'], embargo: 'none' },
          { 'idempotency-key': `rolling-session-${k}-${d}` },
          [200, 201],
        );
        acknowledged += 1;
        clinician.sessions.push(String(session.body['id']));
      }
    };

    // Interleaved, so that both services are under load throughout; each chain (one patient, one clinician) in order.
    const chains: Array<() => Promise<void>> = [];
    for (let i = 0; i < REFERRALS; i++) {
      chains.push(() => referralChain(i));
      if (i % 3 === 0) chains.push(() => clinicianChain(i / 3));
    }
    let nextChain = 0;
    const load = Promise.all(
      Array.from({ length: WORKERS }, async () => {
        while (nextChain < chains.length) await chains[nextChain++]!();
      }),
    );

    // The rolling restart, beside the load: the leader of each service is killed, the survivor must take over,
    // the killed one comes back on its port (the proxy's target); then the same for the other instance.
    const handOvers: Array<{ service: string; round: number; ms: number; atCommand: number }> = [];
    const restartRound = async (service: 'referrals' | 'scheduling', round: number) => {
      const pair = instances[service];
      const roles = await Promise.all(pair.map(roleOf));
      expect(roles.filter((role) => role === 'leader')).toHaveLength(1);
      const leaderIndex = roles.indexOf('leader');
      const leader = pair[leaderIndex]!;
      const survivor = pair[1 - leaderIndex]!;
      const atCommand = progress;
      const killedAt = Date.now();
      note(`round ${round}: SIGKILL the leading ${service} instance (:${leader.port}) after ${atCommand} commands`);
      await leader.kill('SIGKILL');
      await waitUntil(`the surviving ${service} instance to lead`, async () => ((await roleOf(survivor)) === 'leader' ? true : undefined), {
        timeoutMs: 30_000,
        intervalMs: 50,
      });
      handOvers.push({ service, round, ms: Date.now() - killedAt, atCommand });
      note(`round ${round}: the other ${service} instance leads after ${Date.now() - killedAt} ms; restarting :${leader.port}`);
      pair[leaderIndex] = await startService(service, env, { port: leader.port, readyTimeoutMs: 170_000 });
      everyInstance.push(pair[leaderIndex]!);
      note(`round ${round}: ${service} :${leader.port} is back after ${progress} commands`);
      // Back, it stands by: the survivor keeps the lead.
      expect(await roleOf(pair[leaderIndex]!)).toBe('standby');
    };
    const restarts = (async () => {
      await waitUntil('a quarter of the commands', async () => (progress >= TOTAL / 4 ? true : undefined), { timeoutMs: 300_000, intervalMs: 50 });
      await Promise.all([restartRound('referrals', 1), restartRound('scheduling', 1)]);
      await Promise.all([restartRound('referrals', 2), restartRound('scheduling', 2)]);
    })();
    await Promise.all([load, restarts]);
    const commandsDone = Date.now();

    expect(progress).toBe(TOTAL);
    expect(referrals).toHaveLength(REFERRALS);
    expect(clinicians).toHaveLength(CLINICIANS);
    const withdrawals = referrals.filter((r) => r.withdrawn !== null);
    expect(withdrawals).toHaveLength(TOTAL - REFERRALS - CLINICIANS * (1 + SESSIONS_PER_CLINICIAN));

    // 0 acknowledged commands lost, 0 duplicate effects: exactly one event per command in each service's store.
    const referralEvents = await pool.query<{ stream_id: string; type: string; n: string }>(
      `SELECT stream_id, type, count(*) AS n FROM referrals_events.events
        WHERE category = 'referral' AND type IN ('ReferralReceived', 'ReferralWithdrawn') GROUP BY stream_id, type`,
    );
    const count = (rows: ReadonlyArray<{ stream_id: string; type: string; n: string }>, stream: string, type: string) =>
      Number(rows.find((row) => row.stream_id === stream && row.type === type)?.n ?? 0);
    expect(referralEvents.rows.filter((row) => row.type === 'ReferralReceived')).toHaveLength(REFERRALS);
    expect(referralEvents.rows.filter((row) => row.type === 'ReferralWithdrawn')).toHaveLength(withdrawals.length);
    for (const referral of referrals) {
      expect(count(referralEvents.rows, `referral-${referral.id}`, 'ReferralReceived')).toBe(1);
      expect(count(referralEvents.rows, `referral-${referral.id}`, 'ReferralWithdrawn')).toBe(referral.withdrawn === null ? 0 : 1);
    }
    const schedulingEvents = await pool.query<{ stream_id: string; type: string; n: string }>(
      `SELECT stream_id, type, count(*) AS n FROM scheduling_events.events
        WHERE type IN ('ClinicianRegistered', 'DiarySessionAdded') GROUP BY stream_id, type`,
    );
    expect(schedulingEvents.rows.filter((row) => row.type === 'ClinicianRegistered')).toHaveLength(CLINICIANS);
    for (const clinician of clinicians) {
      expect(count(schedulingEvents.rows, `clinician-${clinician.id}`, 'ClinicianRegistered')).toBe(1);
      expect(count(schedulingEvents.rows, `diary-${clinician.id}`, 'DiarySessionAdded')).toBe(SESSIONS_PER_CLINICIAN);
    }

    // Every referral event published (at least once), and taken into scheduling's intake exactly once, in order.
    const expectedMessages = REFERRALS + withdrawals.length;
    const ids = referrals.map((r) => r.id);
    let intake: Array<{ referral_id: string; withdrawn: boolean; events_applied: number }> = [];
    await waitUntil(
      "scheduling's intake to hold every referral event",
      async () => {
        intake = (
          await pool.query<{ referral_id: string; withdrawn: boolean; events_applied: number }>(
            `SELECT referral_id, withdrawn_at IS NOT NULL AS withdrawn, events_applied FROM scheduling.referral_intake WHERE referral_id = ANY($1)`,
            [ids],
          )
        ).rows;
        return intake.reduce((sum, row) => sum + row.events_applied, 0) >= expectedMessages ? true : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 200, lastSeen: () => intake.reduce((sum, row) => sum + row.events_applied, 0) },
    );
    const published = (
      await pool.query<{ partition: number; offset: string; message_id: string; type: string; referral_id: string }>(
        `SELECT partition, "offset"::text AS "offset", value::jsonb ->> 'messageId' AS message_id, value::jsonb ->> 'type' AS type,
                value::jsonb -> 'data' ->> 'referralId' AS referral_id
           FROM message_bus.messages WHERE topic = $1 ORDER BY partition, "offset"`,
        [REFERRALS_TOPIC],
      )
    ).rows.filter((row) => ids.includes(row.referral_id));
    const distinct = new Set(published.map((row) => row.message_id));
    expect(distinct.size).toBe(expectedMessages);
    const inbox = await pool.query<{ message_id: string; processed_at: Date }>(
      `SELECT message_id, processed_at FROM scheduling.messaging_inbox WHERE consumer = 'scheduling' AND message_id = ANY($1)`,
      [[...distinct]],
    );
    expect(inbox.rows).toHaveLength(expectedMessages);
    expect(intake).toHaveLength(REFERRALS);
    for (const referral of referrals) {
      const row = intake.find((candidate) => candidate.referral_id === referral.id);
      expect({ withdrawn: row?.withdrawn, applied: row?.events_applied }).toEqual({ withdrawn: referral.withdrawn !== null, applied: referral.withdrawn === null ? 1 : 2 });
    }
    // Per patient (the message key), the withdrawal follows the receipt on the bus and in scheduling's inbox.
    const processed = new Map(inbox.rows.map((row) => [row.message_id, row.processed_at.getTime()]));
    for (const referral of withdrawals) {
      const mine = published.filter((row) => row.referral_id === referral.id);
      const first = (type: string) => mine.find((row) => row.type === type);
      const receipt = first('referrals.referral-received');
      const withdrawal = first('referrals.referral-withdrawn');
      expect(receipt?.partition).toBe(withdrawal?.partition);
      expect(BigInt(receipt?.offset ?? '0') < BigInt(withdrawal?.offset ?? '-1')).toBe(true);
      expect(processed.get(receipt?.message_id ?? '')! <= processed.get(withdrawal?.message_id ?? '')!).toBe(true);
    }

    // Leadership moved to the survivor at each kill; now exactly one instance of each service leads, and exactly
    // one session per service holds the election's lock.
    expect(handOvers).toHaveLength(4);
    for (const service of ['referrals', 'scheduling'] as const) {
      const roles = await Promise.all(instances[service].map(roleOf));
      expect(roles.sort()).toEqual(['leader', 'standby']);
      const holders = await pool.query(
        `SELECT DISTINCT a.pid FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid AND l.locktype = 'advisory' AND l.granted
          WHERE a.application_name = $1 AND a.datname = current_database()`,
        [`stepwell-leader:${service}`],
      );
      expect(holders.rowCount).toBe(1);
    }

    process.stdout.write(
      [
        `rolling restart: ${TOTAL} commands (${acknowledged} acknowledged, ${withdrawals.filter((r) => r.withdrawn !== 'acknowledged').length} withdrawals confirmed after a lost answer), ${retries} retries after 502/503/429 and ${twinConflicts} after a retry met its own first attempt (409/422), in ${((commandsDone - started) / 1000).toFixed(1)} s`,
        `  published ${published.length} referral messages for ${expectedMessages} events (${published.length - expectedMessages} re-published after a kill, absorbed by the inbox)`,
        ...handOvers.map((h) => `  ${h.service} round ${h.round}: leader SIGKILLed after ${h.atCommand} commands, survivor led ${h.ms} ms later`),
        '',
      ].join('\n'),
    );
    // A ceiling for a machine shared with other heavy work, not a speed goal: about 3 minutes when it is not.
  }, 1_200_000);
});
