import { describe, expect, it } from 'vitest';
import {
  type CaseloadEpisode,
  type CaseloadOutcome,
  type CaseloadRiskAlert,
  caseloadRow,
  engagementFlag,
  notOnTrackFlag,
  orderCaseload,
  riskFlag,
  waitingFlag,
} from './caseload-flags';

// Instants and dates derived from one reference instant, so nothing hangs on a calendar date.
const NOW = Date.now();
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
const dateIn = (days: number) => new Date(NOW + days * 86_400_000).toISOString().slice(0, 10);
const dayWords = (instant: string) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(instant));

/** A talking-therapies episode whose national clock (as referrals computes it) says `days` and the two breaches. */
function episode(id: string, days: number | null, over: { six?: boolean; eighteen?: boolean; running?: boolean } = {}, extra: Partial<CaseloadEpisode> = {}): CaseloadEpisode {
  const status = (breached: boolean) => ({ lastDayWithinStandard: dateIn(-1), breachDate: dateIn(0), breached });
  return {
    id,
    patientSubjectId: `p-${id}`,
    status: 'Waiting',
    step: 'step-2',
    providingOrganisationId: 'DEMTT1',
    reviewFlags: [],
    waitingClockKind: days === null ? 'none' : 'talking-therapies',
    waitingClock:
      days === null
        ? null
        : {
            running: over.running ?? true,
            stoppedBy: over.running === false ? 'first-attended-treatment-appointment' : null,
            daysWaited: days,
            sixWeeks: status(over.six ?? false),
            eighteenWeeks: status(over.eighteen ?? false),
          },
    crisisTimers: null,
    ...extra,
  };
}

const alert = (episodeId: string, raisedAt: string, status = 'open', urgency = 'high'): CaseloadRiskAlert => ({
  id: `a-${episodeId}-${raisedAt}`, episodeId, patientSubjectId: `p-${episodeId}`, signal: 'thoughts-of-self-harm', urgency, status, raisedAt, escalatedAt: null,
});

const outcome = (value: boolean, explanation: string, direction: 'reliable-decrease' | 'reliable-increase' | 'no-reliable-change' = 'no-reliable-change'): CaseloadOutcome => ({
  ruleSetVersion: 'v1',
  basis: 'provisional',
  outcome: { depression: { code: 'PHQ-9', direction }, anxiety: null, flags: { notOnTrack: { value, explanation } } },
});

describe('the caseload’s risk flag', () => {
  it('is red while an alert is open, saying since when and why', () => {
    const raised = daysAgo(3);
    expect(riskFlag([alert('e1', raised)])).toEqual({
      kind: 'risk', rag: 'red', why: `High risk alert open since ${dayWords(raised)}: thoughts of self-harm (PHQ-9 item 9 above 0)`, source: 'Outcomes: risk alerts',
    });
  });

  it('counts several open alerts, names urgency and dates the oldest', () => {
    const older = daysAgo(9);
    const flag = riskFlag([alert('e1', daysAgo(2), 'open', 'urgent'), alert('e1', older)]);
    expect(flag.rag).toBe('red');
    expect(flag.why).toBe(`2 risk alerts (urgent) open since ${dayWords(older)}: thoughts of self-harm (PHQ-9 item 9 above 0)`);
  });

  it('is green once every alert is acknowledged', () => {
    expect(riskFlag([alert('e1', daysAgo(3), 'acknowledged')])).toMatchObject({ rag: 'green', why: 'No open risk alert' });
  });
});

describe('the caseload’s not-on-track flag (outcomes’ verdict, its explanation quoted)', () => {
  it('is amber for sessions without reliable improvement', () => {
    const flag = notOnTrackFlag(outcome(true, 'not on track: 4 attended treatment sessions (≥ 4) without reliable improvement: PHQ-9 14 → 12'));
    expect(flag).toEqual({
      kind: 'not-on-track', rag: 'amber', why: 'Not on track: 4 attended treatment sessions (≥ 4) without reliable improvement: PHQ-9 14 → 12', source: 'Outcomes: episode outcome flags (rule set v1, provisional)',
    });
  });

  it('is red for a reliable deterioration', () => {
    expect(notOnTrackFlag(outcome(true, 'not on track: reliable deterioration: PHQ-9 8 → 15', 'reliable-increase')).rag).toBe('red');
  });

  it('is green when on track, and has no colour (never green) when outcomes has no record of the episode or did not answer', () => {
    expect(notOnTrackFlag(outcome(false, 'on track: reliable improvement: PHQ-9 18 → 9', 'reliable-decrease'))).toMatchObject({ rag: 'green', why: 'On track: reliable improvement: PHQ-9 18 → 9' });
    expect(notOnTrackFlag('not-known')).toMatchObject({ rag: 'none', why: 'No scores: outcomes holds no record of this episode yet' });
    expect(notOnTrackFlag('no-answer')).toMatchObject({ rag: 'none', why: 'Not known: the outcomes service did not answer' });
  });
});

describe('the caseload’s waiting flag (referrals’ national clock)', () => {
  it('is red past the 18-week standard, saying how long', () => {
    const flag = waitingFlag(episode('e1', 133, { six: true, eighteen: true }));
    expect(flag.rag).toBe('red');
    expect(flag.why).toMatch(/^Waited 133 days \(19 weeks\): over the 18-week standard since /);
  });

  it('is amber past the 6-week standard and green within it', () => {
    expect(waitingFlag(episode('e1', 50, { six: true }))).toMatchObject({ rag: 'amber', why: expect.stringMatching(/^Waited 50 days \(7 weeks\): over the 6-week standard since .*; 18-week breach on /) as unknown });
    expect(waitingFlag(episode('e1', 10))).toMatchObject({ rag: 'green', why: expect.stringMatching(/^Waited 10 days \(1 week\): within the 6-week standard/) as unknown });
  });

  it('is green once the first treatment stopped the clock, even after a breach, and says so', () => {
    expect(waitingFlag(episode('e1', 140, { six: true, eighteen: true, running: false }))).toMatchObject({
      rag: 'green', why: 'First treatment after 140 days (20 weeks), over the 18-week standard: no longer waiting',
    });
  });

  it('has no colour where no national standard applies', () => {
    expect(waitingFlag(episode('e1', null))).toMatchObject({ rag: 'none', why: 'No national waiting standard at this step' });
  });

  it('uses the crisis timers for a crisis episode: red when one was missed', () => {
    const crisis = episode('e1', null, {}, {
      step: 'crisis', waitingClockKind: 'crisis',
      crisisTimers: { assessment: { dueAt: daysAgo(1), metAt: null, breached: true }, rapidResponse: { dueAt: daysAgo(-1), metAt: null, breached: false } },
    });
    expect(waitingFlag(crisis)).toMatchObject({ rag: 'red', why: expect.stringMatching(/^4-hour assessment missed: was due /) as unknown });
  });
});

describe('the caseload’s engagement-review flag', () => {
  it('is amber after scheduling flagged missed appointments, quoting the count', () => {
    const at = daysAgo(2);
    const flagged = episode('e1', 10, {}, { reviewFlags: [{ reviewId: 'r1', reason: 'missed-appointments', missedAppointments: 2, organisationId: 'DEMTT1', at }] });
    expect(engagementFlag(flagged)).toMatchObject({ rag: 'amber', why: `Clinical review needed after 2 consecutive missed appointments (DNAs): flagged ${dayWords(at)}` });
  });

  it('is green with no review flag', () => {
    expect(engagementFlag(episode('e1', 10))).toMatchObject({ rag: 'green' });
  });
});

describe('the caseload’s order', () => {
  it('puts red first, then amber, then the longest wait', () => {
    const rows = [
      caseloadRow(episode('green-short', 5), [], 'not-known'),
      caseloadRow(episode('amber-wait', 50, { six: true }), [], 'not-known'),
      caseloadRow(episode('no-clock', null), [], 'not-known'),
      caseloadRow(episode('red-risk', 3), [alert('red-risk', daysAgo(1))], 'not-known'),
      caseloadRow(episode('green-long', 30), [], 'not-known'),
      caseloadRow(episode('red-18', 130, { six: true, eighteen: true }), [], 'not-known'),
    ];
    expect(orderCaseload(rows).map((r) => [r.episode.id, r.rag])).toEqual([
      ['red-18', 'red'], ['red-risk', 'red'], ['amber-wait', 'amber'], ['green-long', 'green'], ['green-short', 'green'], ['no-clock', 'green'],
    ]);
  });

  it('takes only the episode’s own alerts, and the worst flag as the row’s colour', () => {
    const row = caseloadRow(episode('e1', 50, { six: true }), [alert('other', daysAgo(1))], outcome(false, 'on track: 1 attended treatment session (< 4) and no reliable deterioration: no paired scores yet'));
    expect(row.flags.map((f) => [f.kind, f.rag])).toEqual([['risk', 'green'], ['not-on-track', 'green'], ['waiting', 'amber'], ['engagement', 'green']]);
    expect(row.rag).toBe('amber');
  });
});
