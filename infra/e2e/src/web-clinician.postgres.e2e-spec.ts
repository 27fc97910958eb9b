import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AUDIENCE, EMBEDDED_ISSUER, loadOrCreateSigningKey, type RunningJwksServer, serveJwks, signToken } from '@stepwell/access';
import { createTestDatabase, type TestDatabase } from '@stepwell/testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { freePort, type ServiceProcess, startService } from './support/service-process';
import { waitUntil } from './support/wait-until';

const ROOT = join(__dirname, '../../..');
const CHROMIUM = '/usr/bin/chromium';
/** TOOLCHAIN.md: Debian's chromium, headless, nothing fetched from the network by the browser itself. */
const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = join(ROOT, 'test-output/screenshots');
const TEST_ORGANISATIONS = ['DEMGP1', 'DEMGP2', 'DEMTT1', 'DEMPC1', 'DEMSC1', 'DEMCR1'];

// The browser is a Debian package (apt-get install chromium; .ci/run installs it). Without it this suite is skipped
// with the reason printed, unless REQUIRE_BROWSER=1 (CI), where it fails instead.
const browserMissing = !existsSync(CHROMIUM);
const skipForBrowser = browserMissing && process.env['REQUIRE_BROWSER'] !== '1';
if (skipForBrowser) {
  console.warn(`SKIPPED the web app's browser suite: ${CHROMIUM} is absent (apt-get install -y chromium), and REQUIRE_BROWSER is not set.`);
}
const describeWithBrowser = skipForBrowser ? describe.skip : describe;

/** The embedded issuer's demo users this journey logs in as (DEMO_USERS of infra/demo/seed.mjs, as the BFF lists them). */
const REGISTRY_ADMIN = { user: 'demo-registry-admin', name: 'Demo Registry Admin', org: 'DEMCM1', orgType: 'commissioner', roles: ['registry-admin'] };
const THERAPIST = { user: 'demo-tt-therapist', name: 'Demo Therapist Cedar', org: 'DEMTT1', orgType: 'talking-therapies', roles: ['clinician', 'duty-clinician'] };
const ORGANISATIONS = [
  { code: 'DEMGP1', name: 'Demo Riverside Surgery (synthetic GP practice)', organisationType: 'gp-practice' },
  { code: 'DEMTT1', name: 'Demo NHS Talking Therapies (synthetic)', organisationType: 'talking-therapies' },
  { code: 'DEMPC1', name: 'Demo Psychotherapy Consultation Service (synthetic)', organisationType: 'psychotherapy-consultation' },
];

/** A 999-range NHS number (never issued to a person) with a valid Modulus 11 check digit. */
function testNhsNumber(): string {
  for (let serial = 1; ; serial++) {
    const nine = `999${String(serial).padStart(6, '0')}`;
    const check = 11 - ([...nine].reduce((sum, digit, i) => sum + Number(digit) * (10 - i), 0) % 11);
    if (check !== 10) return `${nine}${check === 11 ? 0 : check}`;
  }
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/**
 * Issue 20, first slice, in real Chromium: the built referrals service and the built BFF serving the built web app.
 * A GP logs in and refers a patient (an API problem shown as the error summary first); the Talking Therapies
 * clinician accepts the referral to step 2 from the triage queue (in a second tab, so that the first tab's stale
 * decision meets the 412, explained in words); the journey shows step 2; a clinician of an
 * unrelated organisation opening the referral gets the not-found/no-access page. axe-core on every screen: no
 * serious or critical violation. Screenshots in test-output/screenshots/ (git-ignored).
 */
describeWithBrowser('the clinician web app in Chromium, against the built referrals and outcomes services and BFF', () => {
  let database: TestDatabase;
  let dataDir: string;
  let jwks: RunningJwksServer;
  let referrals: ServiceProcess | undefined;
  let outcomes: ServiceProcess | undefined;
  /** What the first journey leaves for the second: the accepted person (their journey's path). */
  let acceptedPatient: string | undefined;
  let bff: ChildProcess | undefined;
  let bffUrl: string;
  let bffOutput = '';
  let browser: Browser | undefined;
  const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const checked: string[] = [];

  beforeAll(async () => {
    // The web app as `npm run build` builds it (vite, ~2 s): the BFF serves apps/web/dist.
    const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], { cwd: join(ROOT, 'apps/web'), encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`vite build failed:\n${built.stdout}\n${built.stderr}`);
    const bffMain = join(ROOT, 'apps/web-bff/dist/main.js');
    if (!existsSync(bffMain)) throw new Error(`${bffMain} is missing: build first (npx tsc -b tsconfig.build.json at the root)`);

    // First: without a browser (and REQUIRE_BROWSER=1) this fails at once, before starting anything.
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    database = await createTestDatabase('e2e-web');
    dataDir = mkdtempSync(join(tmpdir(), 'stepwell-web-'));
    jwks = await serveJwks(0, { dataDir });
    // Outcomes learns the episode from referrals' events over the PostgreSQL transport (one database, as npm start).
    const auth = { DATABASE_URL: database.url, AUTH_JWKS_URL: jwks.jwksUrl, AUTH_ISSUER: EMBEDDED_ISSUER, AUTH_AUDIENCE: DEFAULT_AUDIENCE };
    [referrals, outcomes] = await Promise.all([
      startService('referrals', { ...auth, REFERRALS_TEST_ORGANISATIONS: TEST_ORGANISATIONS.join(',') }, { readyTimeoutMs: 180_000 }),
      startService('outcomes', { ...auth, RISK_ALERT_CHECK_EVERY_SECONDS: '0' }, { readyTimeoutMs: 180_000 }),
    ]);
    const key = await loadOrCreateSigningKey(dataDir);
    const admin = await signToken({ ...REGISTRY_ADMIN, orgType: 'commissioner', roles: ['registry-admin'], ttl: '10m' }, { key });
    for (const o of ORGANISATIONS) {
      const response = await fetch(`${referrals.baseUrl}/organisations/${o.code}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
        body: JSON.stringify({ name: o.name, organisationType: o.organisationType }),
      });
      if (!response.ok) throw new Error(`PUT /organisations/${o.code}: ${response.status} ${await response.text()}`);
    }

    const port = await freePort();
    bffUrl = `http://127.0.0.1:${port}`;
    // The services not started here are pointed at a port nothing listens on (never the launcher's defaults, where
    // someone's `npm start` may be running): the case history names them as not answering.
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    bff = spawn(process.execPath, [bffMain], {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '', NODE_ENV: 'test', PORT: String(port), HOST: '127.0.0.1', STEPWELL_DATA_DIR: dataDir,
        REFERRALS_URL: referrals.baseUrl, OUTCOMES_URL: outcomes.baseUrl, SCHEDULING_URL: nowhere, CONSULTATIONS_URL: nowhere, DIRECTORY_URL: nowhere,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    bff.stdout?.on('data', (chunk: Buffer) => (bffOutput += chunk.toString()));
    bff.stderr?.on('data', (chunk: Buffer) => (bffOutput += chunk.toString()));
    await waitUntil('the BFF to answer', async () => {
      if (bff?.exitCode !== null) throw new Error(`the BFF exited:\n${bffOutput}`);
      const response = await fetch(`${bffUrl}/session`).catch(() => null);
      return response?.status === 401 ? true : undefined;
    }, { timeoutMs: 30_000, intervalMs: 200 });

    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (bff && bff.exitCode === null) {
      const exited = new Promise((resolve) => bff?.once('exit', resolve));
      bff.kill('SIGTERM');
      await exited;
    }
    await Promise.all([referrals?.stop(), outcomes?.stop()]);
    await jwks?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** The screen's heading, then axe-core on it (0 serious or critical violations) and a screenshot. */
  async function screen(page: Page, name: string, heading: string): Promise<void> {
    await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: 15_000 });
    await page.evaluate(axeSource);
    const violations = (await page.evaluate(
      `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target) })))`,
    )) as AxeViolation[];
    expect({ screen: name, violations: violations.filter((v) => v.impact === 'serious' || v.impact === 'critical') }).toEqual({ screen: name, violations: [] });
    await page.screenshot({ path: join(SCREENSHOTS, `web-${String(checked.length + 1).padStart(2, '0')}-${name}.png`), fullPage: true });
    checked.push(name);
  }

  async function logInAs(page: Page, name: RegExp): Promise<void> {
    await page.goto(`${bffUrl}/`);
    await screen(page, 'choose-who-you-are', 'Choose who you are');
    await page.getByLabel(name).check({ force: true });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Stepwell' }).waitFor();
  }

  async function logOut(page: Page): Promise<void> {
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Choose who you are' }).waitFor();
  }

  const pick = (page: Page, id: string) => page.locator(`label[for="${id}"]`).click();

  it('GP refers; triage accepts to step 2; the journey shows step 2; another organisation’s clinician sees not found', async () => {
    const context = await (browser as Browser).newContext();
    const page = await context.newPage();
    try {
      // The GP.
      await logInAs(page, /Dr Demo Ash \(GP\)/);
      await page.getByRole('link', { name: 'Refer a patient' }).click();
      await screen(page, 'refer-empty', 'Refer a patient');

      // The NHS number is checked as it is typed: a wrong check digit is an error at once.
      const nhsNumber = testNhsNumber();
      const wrong = `${nhsNumber.slice(0, 9)}${(Number(nhsNumber[9]) + 1) % 10}`;
      await page.locator('#field-patient-nhsNumber').fill(wrong);
      await page.locator('.nhsuk-error-message', { hasText: 'Enter a valid NHS number' }).waitFor();
      await page.locator('#field-patient-nhsNumber').fill(nhsNumber);
      await page.getByText(`Valid NHS number: ${nhsNumber.slice(0, 3)} ${nhsNumber.slice(3, 6)} ${nhsNumber.slice(6)}`).waitFor();

      // Sent with the rest missing: the API's problem is the error summary, each line a link to its field.
      await page.locator('#field-receivingOrganisation').selectOption('DEMTT1');
      await page.getByRole('button', { name: 'Send referral' }).click();
      const summary = page.locator('.nhsuk-error-summary');
      await summary.waitFor();
      const links = await summary.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(links.length).toBeGreaterThan(0);
      expect(links.every((href) => href?.startsWith('#field-'))).toBe(true);
      await summary.locator('a').first().click();
      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe((links[0] as string).slice(1));
      await screen(page, 'refer-problem', 'Refer a patient');

      await page.locator('#field-patient-givenName').fill('Web');
      await page.locator('#field-patient-familyName').fill('Example');
      await page.locator('#field-patient-dateOfBirth').fill('1');
      await page.locator('#dob-month').fill('4');
      await page.locator('#dob-year').fill('1990');
      await page.locator('#field-patient-postcode').fill('LS1 4AP');
      await page.locator('#field-patient-email').fill('web.example@example.org');
      await pick(page, 'field-urgency');
      await page.locator('#field-reason').fill('Low mood for three months');
      await pick(page, 'field-presentingProblems');
      for (const risk of ['selfHarm', 'suicidalThoughts', 'harmToOthers']) await pick(page, `field-riskIndicators-${risk}-2`);
      await pick(page, 'field-consentToShare');
      await page.getByRole('button', { name: 'Send referral' }).click();
      await page.getByText('Referral sent.').waitFor();
      await screen(page, 'referral-sent', 'Referral');
      const referralPath = new URL(page.url()).pathname;

      await page.goto(`${bffUrl}/my-referrals`);
      await screen(page, 'my-referrals', 'My referrals');
      expect(await page.locator('table.nhsuk-table tbody tr').count()).toBe(1);
      await expect(page.locator('table.nhsuk-table tbody tr').first().textContent()).resolves.toContain('Received');
      await logOut(page);

      // The Talking Therapies clinician triages from the queue.
      await logInAs(page, /Demo Therapist Cedar/);
      await page.getByRole('link', { name: 'Triage queue' }).click();
      // The queue is a read model: the referral appears once its projection has caught up (reloaded until then).
      const rows = page.locator('table.nhsuk-table tbody tr');
      await waitUntil('the referral in the triage queue', async () => {
        await page.getByRole('heading', { level: 1, name: 'Triage queue' }).waitFor();
        if ((await rows.count()) > 0) return true;
        await page.reload();
        return undefined;
      }, { timeoutMs: 30_000, intervalMs: 250 });
      await screen(page, 'triage-queue', 'Triage queue');
      expect(await rows.count()).toBe(1);
      await expect(rows.first().locator('td').nth(1).textContent()).resolves.toContain('Routine');
      await expect(rows.first().locator('td').last().textContent()).resolves.toMatch(/^\d+$/);
      await rows.first().getByRole('link').click();
      await screen(page, 'referral-to-triage', 'Referral');
      // A colleague (same session, second tab) accepts it to step 2 while this tab still shows the version it opened.
      const colleague = await context.newPage();
      try {
        await colleague.goto(page.url());
        await colleague.getByRole('heading', { level: 1, name: 'Referral' }).waitFor();
        await pick(colleague, 'field-outcome');
        await colleague.locator('#field-step').selectOption('step-2');
        await colleague.getByRole('button', { name: 'Save decision' }).click();
        await colleague.getByText('Accepted to Step 2.').waitFor();
      } finally {
        await colleague.close();
      }
      // This tab's decline goes with the old If-Match: 412, explained in words, nothing saved.
      await pick(page, 'field-outcome-2');
      await page.locator('#field-reason').selectOption('outside-catchment');
      await page.getByRole('button', { name: 'Save decision' }).click();
      await page.locator('.nhsuk-error-summary', { hasText: 'Someone else changed this record after you opened it, so your decision was not saved' }).waitFor();
      await screen(page, 'triage-stale-412', 'Referral');
      await page.reload();
      await page.locator('.nhsuk-summary-list', { hasText: 'Triaged (accepted)' }).waitFor();
      await page.getByRole('link', { name: /See the patient.s journey/ }).click();
      await screen(page, 'journey', 'Patient journey');
      acceptedPatient = decodeURIComponent(new URL(page.url()).pathname.split('/')[2] ?? '');
      await expect(page.getByTestId('journey-steps').textContent()).resolves.toMatch(/^Step 2 at DEMTT1.*\(current\): entered by demo-tt-therapist/);
      await expect(page.getByTestId('journey-timeline').textContent()).resolves.toContain('Referral triaged (accepted) to Step 2');
      await logOut(page);

      // A clinician of an organisation with no part in this person's care.
      await logInAs(page, /Demo Consultant Elm/);
      await page.goto(`${bffUrl}${referralPath}`);
      await screen(page, 'referral-no-access', 'Page not found');
      await expect(page.locator('main').textContent()).resolves.toContain('you have no access to it');
      expect(checked).toEqual([
        'choose-who-you-are', 'refer-empty', 'refer-problem', 'referral-sent', 'my-referrals',
        'choose-who-you-are', 'triage-queue', 'referral-to-triage', 'triage-stale-412', 'journey',
        'choose-who-you-are', 'referral-no-access',
      ]);
    } catch (error) {
      await page.screenshot({ path: join(SCREENSHOTS, 'web-failure.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`${error instanceof Error ? error.message : String(error)}\nBFF output:\n${bffOutput}\nreferrals output (tail):\n${referrals?.output().slice(-3000)}`);
    } finally {
      await context.close();
    }
  });

  it('the treating clinician records a PHQ-9 with item 9 above 0 (score, caseness, risk alert), sees it on the chart and acknowledges the alert; the national auditor reads the case history', async () => {
    const patient = acceptedPatient;
    if (!patient) throw new Error('the first journey did not reach an accepted referral: nothing to record outcomes for');
    const context = await (browser as Browser).newContext();
    const page = await context.newPage();
    try {
      // Outcomes answers a person's measures once it has the episode from referrals' events (404 until then).
      const key = await loadOrCreateSigningKey(dataDir);
      const therapist = await signToken({ ...THERAPIST, orgType: 'talking-therapies', roles: ['clinician', 'duty-clinician'], ttl: '10m' }, { key });
      await waitUntil('outcomes to know the episode', async () => {
        const response = await fetch(`${outcomes?.baseUrl}/patients/${encodeURIComponent(patient)}/measures?code=PHQ-9`, { headers: { authorization: `Bearer ${therapist}` } });
        if (response.status !== 200 && response.status !== 404) throw new Error(`measures answered ${response.status}: ${await response.text()}`);
        return response.status === 200 ? true : undefined;
      }, { timeoutMs: 60_000, intervalMs: 250, lastSeen: () => outcomes?.output().slice(-600) });

      await logInAs(page, /Demo Therapist Cedar/);
      await page.goto(`${bffUrl}/patients/${encodeURIComponent(patient)}/journey`);
      await page.getByRole('heading', { level: 1, name: 'Patient journey' }).waitFor();
      await page.getByRole('link', { name: 'Record a PHQ-9 or GAD-7 (Step 2 episode)' }).click();
      await screen(page, 'record-questionnaire', 'Record a questionnaire');
      // Sent with one item unanswered: the form's own check names it in the error summary, linked to its first radio.
      await page.getByRole('button', { name: 'Record PHQ-9' }).click();
      await page.locator('.nhsuk-error-summary a[href="#field-answer-phq9-1"]').waitFor();
      // Items 1–8 "Several days" (1 each), item 9 "More than half the days" (2): total 10, at caseness, a risk alert.
      for (let item = 1; item <= 8; item++) await pick(page, `field-answer-phq9-${item}-2`);
      await pick(page, 'field-answer-phq9-9-3');
      // By keyboard: focus the button and press Enter.
      await page.getByRole('button', { name: 'Record PHQ-9' }).focus();
      await page.keyboard.press('Enter');
      await screen(page, 'questionnaire-recorded', 'PHQ-9 recorded');
      await expect(page.getByTestId('recorded-score').textContent()).resolves.toMatch(/Total score10.*Severity.*Moderate.*CasenessAt caseness.*Risk alertRaised/);
      await expect(page.getByTestId('risk-alert-raised').textContent()).resolves.toContain('A risk alert was raised');

      await page.getByRole('link', { name: 'See the PHQ-9 outcome chart' }).click();
      await screen(page, 'outcome-chart', 'PHQ-9 outcome chart');
      expect(await page.getByTestId('chart-point').count()).toBe(1);
      await page.getByTestId('caseness-line').waitFor();
      await page.getByTestId('reliable-change-band').waitFor();
      await expect(page.locator('[data-testid="measure-table"] tbody tr').first().textContent()).resolves.toMatch(/10.*At caseness/);
      await expect(page.locator('main').textContent()).resolves.toContain('Caseness: a score of 10 or more. Reliable change: 6 points or more');

      await page.getByRole('link', { name: /Back to the patient.s journey/ }).click();
      await page.getByRole('link', { name: 'Risk alerts for this person' }).click();
      await screen(page, 'risk-alerts', 'Risk alerts');
      expect(await page.locator('[data-testid="risk-alerts"] tbody tr').count()).toBe(1);
      // Acknowledged by keyboard alone: the form that opens takes the focus.
      await page.getByRole('button', { name: 'Acknowledge alert 1' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: 'Acknowledge alert 1' }).waitFor();
      expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('acknowledge-heading');
      await page.locator('#field-actionTaken').selectOption('contacted-patient');
      await page.getByRole('button', { name: 'Save acknowledgement' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('Alert 1 acknowledged: Contacted the patient.').waitFor();
      await expect(page.locator('[data-testid="risk-alerts"] tbody tr').first().textContent()).resolves.toContain('Contacted the patient');
      await screen(page, 'risk-alert-acknowledged', 'Risk alerts');
      await logOut(page);

      // The national auditor: the case history through the BFF, from each service's audit route.
      await logInAs(page, /Demo National Auditor Juniper/);
      await page.getByRole('link', { name: 'Case history of a patient' }).click();
      await screen(page, 'find-case-history', 'Case history of a patient');
      await page.locator('#field-patientId').fill(patient);
      await page.keyboard.press('Enter');
      await page.getByTestId('case-history-services').waitFor();
      await page.getByTestId('access-log').waitFor();
      await screen(page, 'case-history', 'Case history');
      const row = (service: string) => page.locator('[data-testid="case-history-services"] tbody tr', { hasText: service }).first().locator('td');
      expect(Number(await row('referrals').nth(0).textContent())).toBeGreaterThan(0);
      expect(Number(await row('referrals').nth(1).textContent())).toBeGreaterThan(0);
      expect(Number(await row('outcomes').nth(0).textContent())).toBeGreaterThan(0);
      await expect(row('scheduling').nth(2).textContent()).resolves.toMatch(/^No answer: /);
      const timeline = (await page.locator('[data-testid="case-history-organisation"]').allTextContents()).join('\n');
      expect(timeline).toMatch(/referrals\s*Referral\w+/);
      expect(timeline).toMatch(/outcomes\s*ResponseRecorded/);
      await expect(page.getByTestId('verification-note').textContent()).resolves.toContain('as answered by each service; verify with npm run audit -- case-history');
      await expect(page.getByTestId('access-log').textContent()).resolves.toContain('demo-tt-therapist');
      expect(checked.slice(-9)).toEqual([
        'choose-who-you-are', 'record-questionnaire', 'questionnaire-recorded', 'outcome-chart', 'risk-alerts', 'risk-alert-acknowledged',
        'choose-who-you-are', 'find-case-history', 'case-history',
      ]);
    } catch (error) {
      await page.screenshot({ path: join(SCREENSHOTS, 'web-failure-outcomes.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`${error instanceof Error ? error.message : String(error)}\nBFF output:\n${bffOutput}\noutcomes output (tail):\n${outcomes?.output().slice(-3000)}`);
    } finally {
      await context.close();
    }
  });
});
