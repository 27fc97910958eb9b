import { Inject, Injectable, type Provider } from '@nestjs/common';
import { CommandHandler } from '@stepwell/commands';
import { deterministicUuid } from '@stepwell/decider';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import type { Reactor } from '@stepwell/read-models';
import {
  careThreadDecider,
  careThreadStreamId,
  type CareAcceptanceSource,
  type CareThreadCommand,
  type CareThreadEvent,
  type CareThreadState,
  type RefusalOutcome,
} from '../domain/care-threads/care-thread.decider';
import {
  NOT_REGISTERED,
  referralStreamId,
  type ReferralAccepted,
  type ReferralCommand,
  type ReferralEvent,
  type ReferralState,
  type ReferralTriaged,
} from '../domain/referral.decider';
import { ageBandOn, type AgeBand } from '../domain/care-threads/age-band';
import { REFERRAL_COMMANDS } from '../shared/referral-commands';
import { patientStreamId, type PatientRegistered } from '../domain/patient-index/patient.events';

/** Nest token of the care-thread `CommandHandler` (one stream per person: `carethread-<patientSubjectId>`). */
export const CARE_THREAD_COMMANDS = 'CARE_THREAD_COMMANDS';
export type CareThreadCommands = CommandHandler<CareThreadCommand, CareThreadEvent, CareThreadState>;
export const careThreadCommandsProvider: Provider = {
  provide: CARE_THREAD_COMMANDS,
  useFactory: (store: EventStore) => new CommandHandler(store, careThreadDecider),
  inject: [EVENT_STORE],
};

/** The triage events that refuse a referral, and the thread outcome each one is. */
const REFUSALS: Record<string, RefusalOutcome> = {
  ReferralDeclined: 'decline',
  ReferralReturnedWithAdvice: 'return-with-advice',
  ReferralSignposted: 'signpost',
  ReferralReferredOn: 'refer-on',
};

/** What an acceptance of care names: the person, how and by whom (ids and codes only). */
export interface CareAcceptance {
  patientSubjectId: string;
  source: CareAcceptanceSource;
  sourceId: string;
  acceptingOrganisationId: string;
  acceptedAt: string;
}

/** What caused a care-thread command: an event of this log or an integration message (its id names the events). */
export interface CareThreadCause {
  id: string;
  occurredAt: string;
  correlationId: string;
  /** The organisation the cause came from (recorded as the system actor's organisation). */
  organisationId: string;
}

const causeOf = (event: RecordedEvent): CareThreadCause => ({
  id: event.id,
  occurredAt: event.metadata.occurredAt,
  correlationId: event.metadata.correlationId,
  organisationId: event.metadata.actor.organisationId,
});

/** A calendar date (YYYY-MM-DD) in England's time zone. */
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A thread's id: stable per person and thread number, so a retried decision names the same thread. */
export const careThreadIdOf = (patientSubjectId: string, threadNumber: number): string =>
  deterministicUuid(`referrals/care-thread/${patientSubjectId}/${threadNumber}`);

/**
 * Gap watch (issue 18 item 1): follows every refused referral. The reactor runs on the platform's projection runner
 * after the projections, reads the referral's own stream for the facts the triage event does not carry (the person,
 * the referrer, the risk), and records the refusal or the acceptance in the person's care-thread stream under a key
 * derived from the triage event, so a redelivery appends nothing. Acceptances from other services come in through
 * `recordCareAccepted` (the extension point for consultations and social prescriptions, see `CARE_ACCEPTANCE_SOURCES`).
 */
@Injectable()
export class CareThreadReactor implements Reactor {
  readonly name = 'referrals.care-thread-watch';
  readonly handles = { types: ['ReferralAccepted', ...Object.keys(REFUSALS)] };

  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    @Inject(CARE_THREAD_COMMANDS) private readonly threads: CareThreadCommands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async react(event: RecordedEvent): Promise<void> {
    const data = event.data as ReferralTriaged['data'];
    const { state: referral } = await this.referrals.load(referralStreamId(data.referralId));
    if (referral.status === 'None') return;
    if (event.type === 'ReferralAccepted') {
      const accepted = event.data as ReferralAccepted['data'];
      await this.recordCareAccepted(
        { patientSubjectId: referral.patientSubjectId, source: 'referral-accepted', sourceId: accepted.referralId, acceptingOrganisationId: accepted.providingOrganisationId, acceptedAt: accepted.decidedAt },
        causeOf(event),
      );
      return;
    }
    const outcome = REFUSALS[event.type];
    if (outcome === undefined) return;
    const streamId = careThreadStreamId(referral.patientSubjectId);
    const { state } = await this.threads.load(streamId);
    const decision = referral.status === 'Triaged' ? referral.decision : null;
    const registeredGp = referral.registeredGpPractice !== null && referral.registeredGpPractice !== NOT_REGISTERED ? referral.registeredGpPractice : null;
    const risk = referral.riskIndicators;
    await this.threads.handle(
      streamId,
      {
        type: 'RecordRefusal',
        data: {
          patientSubjectId: referral.patientSubjectId,
          threadId: state.open?.threadId ?? careThreadIdOf(referral.patientSubjectId, state.threadIds.length),
          referralId: data.referralId,
          referralReceivedAt: referral.receivedAt,
          // A self-referral's thread is held by the person's registered GP practice.
          referringOrganisationId: referral.referrerOrganisation ?? registeredGp,
          refusingOrganisationId: referral.receivingOrganisation,
          outcome,
          declineReason: decision?.outcome === 'decline' ? decision.reason : null,
          referOnDestination: decision?.outcome === 'refer-on' ? decision.destination : null,
          destinationOrganisationId: decision?.outcome === 'refer-on' ? decision.destinationOrganisationId : null,
          signpostedService: decision?.outcome === 'signpost' ? decision.service : null,
          directoryServiceId: decision?.outcome === 'signpost' ? decision.directoryServiceId : null,
          decidedBy: { organisationId: event.metadata.actor.organisationId, role: event.metadata.actor.role },
          decidedAt: data.decidedAt,
          riskIndicated: referral.urgency === 'crisis' || (risk !== null && (risk.selfHarm === true || risk.suicidalThoughts === true || risk.harmToOthers === true)),
          ageBand: await this.ageBandAt(referral.patientSubjectId, referral.receivedAt),
        },
      },
      this.contextOf(causeOf(event), referral.patientSubjectId),
    );
  }

  /**
   * The person's age band on the day (Europe/London) the referral was received, from the date of birth in the patient
   * index's registration (the one place it is kept); null when it cannot be told (erased, or no registration).
   */
  private async ageBandAt(patientSubjectId: string, receivedAt: string): Promise<AgeBand | null> {
    const registered = (await this.store.readStream(patientStreamId(patientSubjectId), { maxCount: 1 })).find((e) => e.type === 'PatientRegistered');
    if (!registered) return null;
    const dateOfBirth = (registered.data as PatientRegistered['data']).dateOfBirth;
    return ageBandOn(dateOfBirth, LONDON_DATE.format(new Date(receivedAt)));
  }

  /**
   * An organisation accepted care for the person: resolves their open thread, if any (an acceptance dated before the
   * thread's first refused referral was made resolves nothing: hazard H-GW7). Called for an accepted referral here, and by the consumers of the
   * consultations topic (a consultation whose outcome is direct psychological therapy by the consultation service)
   * and of the directory topic (a social prescription accepted), with the message as `cause`.
   */
  async recordCareAccepted(acceptance: CareAcceptance, cause: CareThreadCause): Promise<{ position: number | null }> {
    const { position } = await this.threads.handle(
      careThreadStreamId(acceptance.patientSubjectId),
      { type: 'RecordCareAccepted', data: acceptance },
      this.contextOf(cause, acceptance.patientSubjectId),
    );
    return { position };
  }

  private contextOf(cause: CareThreadCause, patientSubjectId: string) {
    return {
      metadata: {
        occurredAt: cause.occurredAt,
        correlationId: cause.correlationId,
        causationId: cause.id,
        actor: { userId: 'system:care-thread-watch', organisationId: cause.organisationId, role: 'system' },
        patientSubjectId,
      },
      // The cause's id (an event id or an integration message id) names the events: a redelivery appends nothing.
      idempotencyKey: `care-thread/${cause.id}`,
    };
  }
}
