import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { users } from '@stepwell/access/testing';
import { runAudit } from '@stepwell/transparency';
import { DataSource } from 'typeorm';
import { referralFor, startReferralsTestApp, type ReferralsTestApp } from '../testing/referrals-test-app';

/**
 * `npm run audit -- case-history` against a running service (issue 19 item 3): every entry proven against the
 * service's signed heads, the same document twice for the same instant, and a byte changed in the stored log caught
 * and named; a head no other service countersigned is a warning, a failure with `--require-witness`. (A second service
 * is the same HTTP call: the five-service run is not built yet.)
 */
describe('npm run audit -- case-history', () => {
  let service: ReferralsTestApp;
  let url: string;
  let folder: string;
  beforeAll(async () => {
    service = await startReferralsTestApp('case_history_command');
    await service.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(service.app.getHttpServer().address() as AddressInfo).port}`;
    folder = mkdtempSync(path.join(tmpdir(), 'case-history-'));
  });
  afterAll(async () => {
    await service.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function run(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
    const out: string[] = [];
    const err: string[] = [];
    const token = await service.issuer.bearer(users.nationalAuditor);
    const code = await runAudit(['case-history', ...args], { out: (line) => out.push(line), err: (line) => err.push(line) }, { AUDIT_TOKEN: token });
    return { code, out, err };
  }

  it('writes a verified timeline, the same JSON twice for one instant, and names the service and position when the log was altered', async () => {
    const referral = await service.http().post('/referrals').send(referralFor(5151)).expect(201);
    const patientId = referral.body.patientSubjectId as string;
    await (await service.as(users.therapist))
      .post(`/referrals/${referral.body.id as string}/triage`)
      .send({ outcome: 'accept', step: 'step-2', providingOrganisation: 'RXT01' })
      .expect(200);
    const asOf = new Date().toISOString();
    await new Promise((resolve) => setImmediate(resolve));

    const [first, second] = [path.join(folder, 'first.json'), path.join(folder, 'second.json')];
    const html = path.join(folder, 'report.html');
    const ran = await run(['--patient', patientId, '--as-of', asOf, '--services', `referrals=${url}`, '--json', first, '--out', html]);
    expect(ran.err).toEqual([]);
    expect(ran.code).toBe(0);
    expect(ran.out.at(-1)).toMatch(/^OK: \d+ entries from 1 services/);
    const document = JSON.parse(readFileSync(first, 'utf8')) as { verified: boolean; entries: Array<{ type: string; verified: boolean; occurredAt: string }> };
    expect(document.verified).toBe(true);
    expect(document.entries.map((entry) => entry.type)).toEqual(expect.arrayContaining(['ReferralReceived', 'ReferralAccepted', 'EpisodeOpened']));
    expect(document.entries.every((entry) => entry.verified)).toBe(true);
    expect([...document.entries].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt))).toEqual(document.entries);
    expect(readFileSync(html, 'utf8')).toContain('Every entry below was proven');

    // No other service was asked, so none countersigned the head: a warning (in the summary, the JSON and the
    // report), a failure naming the service and the head only with --require-witness.
    const headSize = (JSON.parse(readFileSync(first, 'utf8')) as { services: Array<{ treeSize: number; witnessedBy: string[] }> }).services[0]!;
    expect(headSize.witnessedBy).toEqual([]);
    expect(ran.out).toContain(`WARNING: referrals: head of size ${headSize.treeSize} not witnessed (no other service countersigned it) (--require-witness makes this a failure)`);
    expect(readFileSync(html, 'utf8')).toContain('<strong>not witnessed</strong>');
    const strict = await run(['--patient', patientId, '--as-of', asOf, '--services', `referrals=${url}`, '--require-witness']);
    expect(strict.code).toBe(1);
    expect(strict.err).toContain(`FAILED: referrals: head of size ${headSize.treeSize} not witnessed: no other service countersigned it`);

    // The auditor's own reads were recorded since (the access trail grew): as of the same instant, nothing changes.
    expect((await run(['--patient', patientId, '--as-of', asOf, '--services', `referrals=${url}`, '--json', second])).code).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));

    // Someone with the database rewrites the referral's stored body: its proof no longer leads to the signed root.
    await service.app.get(DataSource).query(
      `UPDATE referrals_events.events SET data = jsonb_set(data, '{urgency}', '"urgent"') WHERE stream_id = $1 AND type = 'ReferralReceived'`,
      [`referral-${referral.body.id as string}`],
    );
    const altered = await run(['--patient', patientId, '--as-of', asOf, '--services', `referrals=${url}`]);
    expect(altered.code).toBe(1);
    expect(altered.err.join('\n')).toMatch(/FAILED: referrals: .*first bad position: leaf \d+ \(global position \d+\)/);
    expect(altered.err.at(-1)).toMatch(/^NOT VERIFIED: \d+ of \d+ entries verified$/);
  });

  it('refuses usage it cannot act on, and names a service that does not answer', async () => {
    expect((await run(['--patient', 'p-1'])).code).toBe(64);
    expect((await run(['--patient', 'p-1', '--services', 'referrals=not-a-url'])).code).toBe(64);
    const down = await run(['--patient', 'p-1', '--services', 'referrals=http://127.0.0.1:9']);
    expect(down.code).toBe(1);
    expect(down.err.join('\n')).toContain('FAILED: referrals: no answer');
  });
});
