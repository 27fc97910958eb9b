import { Inject, Injectable, Optional } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { CRISIS_TIMERS_DEFINITION, crisisTimers } from '@stepwell/contracts';
import { deterministicUuid } from '@stepwell/decider';
import { CommandHandler } from '@stepwell/commands';
import { EVENT_STORE, type EventStore } from '@stepwell/event-store';
import { DataSource } from 'typeorm';
import { CRISIS_TIMER_POLICY, type CrisisTimerPolicy } from '../config';
import type { CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState } from '../domain/care-episode';
import { crisisTimerDecider, crisisTimerStreamId, type CrisisTimerKind } from '../domain/crisis-timers/crisis-timer-breach.decider';
import { EPISODE_COMMANDS, episodeStreamId } from '../shared/episode-commands';
import { type Leadership, ScheduledCheck, SERVICE_LEADERSHIP } from '@stepwell/read-models';

/**
 * The reactor that turns a passing crisis timer into a fact (issue 12 item 15): every crisis episode whose 4-hour
 * assessment or 48-hour rapid-response timer has passed unmet gets one `CrisisTimerBreached` per timer, in
 * `crisis-timers-<episodeId>`. The waiting-times read model only finds candidates; each is decided on the episode's
 * own stream (a stale read model never records a breach for a timer that was met), and the breach stream's decider
 * records each timer once, under a deterministic idempotency key, so repeated runs and two instances append one
 * event. Time is the caller's: the interval passes the system time, tests pass instants derived from the test clock.
 */
@Injectable()
export class CrisisTimerBreachCheck extends ScheduledCheck {
  private readonly breaches: CommandHandler<Parameters<typeof crisisTimerDecider.decide>[0], ReturnType<typeof crisisTimerDecider.decide>[number], typeof crisisTimerDecider.initialState>;

  constructor(
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(EPISODE_COMMANDS) private readonly episodes: CommandHandler<CareEpisodeCommand, CareEpisodeEvent, CareEpisodeState>,
    private readonly dataSource: DataSource,
    @Inject(CRISIS_TIMER_POLICY) policy: CrisisTimerPolicy,
    // Several instances: the interval runs on the leading one only (runOnce itself stays callable anywhere).
    @Optional() @Inject(SERVICE_LEADERSHIP) leadership: Leadership | null = null,
    @Optional() @Inject(CLOCK) clock: Clock | null = null,
  ) {
    super('crisis timer breach check', policy.checkEverySeconds, leadership, clock ?? undefined);
    this.breaches = new CommandHandler(store, crisisTimerDecider);
  }

  /** Records every crisis timer breach found as of `now`; resolves with how many breach events were appended. */
  protected check(now: Date): Promise<number> {
    return this.recordBreaches(now);
  }

  private async recordBreaches(now: Date): Promise<number> {
    // The shortest timer bounds the candidates: nothing received later can have breached yet.
    const receivedBefore = new Date(now.getTime() - CRISIS_TIMERS_DEFINITION.assessmentHours * 3_600_000);
    const candidates = (await this.dataSource.query(
      `SELECT episode_id FROM "referrals"."episode_waiting"
        WHERE state -> 'opened' ->> 'step' = 'crisis' AND referral_received_at <= $1 ORDER BY referral_received_at, episode_id`,
      [receivedBefore],
    )) as Array<{ episode_id: string }>;
    let recorded = 0;
    for (const { episode_id: episodeId } of candidates) recorded += await this.recordFor(episodeId, now);
    return recorded;
  }

  private async recordFor(episodeId: string, now: Date): Promise<number> {
    const { state } = await this.episodes.load(episodeStreamId(episodeId));
    if (state.status === 'NotOpened' || state.opened.step !== 'crisis') return 0;
    const asOf = now.toISOString();
    const metAt = state.firstTreatmentAppointment?.at ?? null;
    const timers = crisisTimers({ referralReceivedAt: state.referralReceivedAt, assessedAt: metAt, respondedAt: metAt, asOf });
    const dischargedAt = state.status === 'Discharged' ? Date.parse(state.discharge.at) : null;
    let recorded = 0;
    for (const [kind, timer] of [['assessment', timers.assessment], ['rapid-response', timers.rapidResponse]] as const) {
      if (!timer.breached) continue;
      // An episode that ended before the timer fell due, unmet, did not breach it (nobody was waiting any more).
      if (timer.metAt === null && dischargedAt !== null && dischargedAt <= Date.parse(timer.dueAt)) continue;
      recorded += await this.record(state.episodeId, state.patientSubjectId, state.providingOrganisationId, kind, timer.dueAt, timer.metAt, asOf);
    }
    return recorded;
  }

  private async record(
    episodeId: string,
    patientSubjectId: string,
    providingOrganisationId: string,
    timer: CrisisTimerKind,
    dueAt: string,
    metAt: string | null,
    detectedAt: string,
  ): Promise<number> {
    const key = `crisis-timer-breach/${episodeId}/${timer}`;
    const result = await this.breaches.handle(
      crisisTimerStreamId(episodeId),
      {
        type: 'RecordCrisisTimerBreach',
        data: { episodeId, patientSubjectId, providingOrganisationId, timer, definition: CRISIS_TIMERS_DEFINITION.id, dueAt, metAt, detectedAt },
      },
      {
        metadata: {
          occurredAt: detectedAt,
          correlationId: deterministicUuid(`referrals/${key}`),
          causationId: null,
          actor: { userId: 'system:crisis-timer-check', organisationId: providingOrganisationId, role: 'system' },
          patientSubjectId,
        },
        idempotencyKey: key,
      },
    );
    return result.replayed ? 0 : result.events.length;
  }
}
