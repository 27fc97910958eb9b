import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@stepwell/http';
import { deterministicUuid, fold } from '@stepwell/decider';
import { type CommandHandler, requestMetadata } from '@stepwell/commands';
import { ProjectionRunner } from '@stepwell/read-models';
import {
  EVENT_STORE,
  EventIdConflictError,
  WrongExpectedRevisionError,
  type Actor,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
  type StreamAppend,
} from '@stepwell/event-store';
import { findPossibleDuplicates, InvalidDemographicsError, parseNhsNumber } from '../domain/patient-identity';
import { TEST_ORGANISATIONS } from '../config';
import {
  receivedFieldsOf,
  referralDecider,
  referralStreamId,
  sameReferralDetails,
  type IncompleteReferralDetails,
  type ReferralCommand,
  type ReferralDetails,
  type ReferralEvent,
  type ReferralState,
} from '../domain/referral.decider';
import { toReferralView, type ReferralView } from './referral.view';
import { missingReferralFields } from '../domain/referral-completeness';
import { PatientCare } from './open-care';
import { PatientIndex } from './patient-index';
import type { PatientToFind } from '../domain/patient-index/patient-index.decider';
import { patientStreamId, type PatientReferred } from '../domain/patient-index/patient.events';
import { OrganisationRegistry } from './organisation-registry';
import { REFERRAL_COMMANDS } from './referral-commands';
import { consentCommandOf, ConsentsHandler } from '../consents/consents.handler';
import type { ConsentsCommand } from '../domain/consents/consents.decider';
import type { ConsentRequest } from '../consents/consents.requests';

/** The `Idempotency-Key` was used before for a request with other content. */
export class IdempotencyKeyReusedError extends Error {
  readonly code = 'IDEMPOTENCY_KEY_REUSED' as const;

  constructor() {
    super('This Idempotency-Key was already used for a referral with other details.');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** A referral as submitted: the person (demographics, for the patient index) and what the referrer says. */
export interface ReferralForm extends Omit<ReferralDetails, 'patientSubjectId'> {
  patient: PatientToFind;
}

/** A form with required answers missing (null) but a risk answer given: received incomplete (issue 12 item 9). */
export interface IncompleteReferralForm extends Omit<IncompleteReferralDetails, 'patientSubjectId'> {
  patient: PatientToFind;
}

export interface ReceiveReferralResult {
  view: ReferralView;
  /** The referral stream's revision after receipt. */
  revision: number;
  /** True when an earlier request with the same Idempotency-Key created the referral. */
  replayed: boolean;
}

/** Every completable answer given (the form is a whole referral). */
function isWhole(details: Omit<IncompleteReferralDetails, 'patientSubjectId'>): details is Omit<ReferralDetails, 'patientSubjectId'> {
  return missingReferralFields(details).length === 0;
}

/** The appends with `event` added to `streamId`'s part (at its end), or a part of its own ('any') at the end. */
function withEvent(appends: readonly StreamAppend[], streamId: string, event: NewEvent): StreamAppend[] {
  const own = appends.some((append) => append.streamId === streamId);
  return own
    ? appends.map((append) => (append.streamId === streamId ? { ...append, events: [...append.events, event] } : append))
    : [...appends, { streamId, events: [event], expectedRevision: 'any' }];
}

/** The organisation the answer goes to: none for the anonymous self-referral form (it learns nothing of other care). */
const viewerOf = (actor: Actor): string | null => (actor.role === 'patient' ? null : actor.organisationId);

@Injectable()
export class ReceiveReferralHandler {
  constructor(
    @Inject(REFERRAL_COMMANDS) private readonly referrals: CommandHandler<ReferralCommand, ReferralEvent, ReferralState>,
    private readonly patients: PatientIndex,
    private readonly care: PatientCare,
    private readonly readModels: ProjectionRunner,
    private readonly organisations: OrganisationRegistry,
    @Inject(TEST_ORGANISATIONS) private readonly testOrganisations: readonly string[],
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly consents: ConsentsHandler,
  ) {}

  /**
   * NHS numbers 999 000 0000 – 999 999 9999 are never issued to a person (test range): accepted only when every
   * organisation involved — the receiving one, and the caller's own for a professional referral — is a configured
   * test organisation (`REFERRALS_TEST_ORGANISATIONS`). Anywhere else it is a test record or a typing mistake that
   * would file a real person's care under a fake number: 400, nothing written.
   */
  private refuseTestRangeOutsideTestOrganisations(patient: PatientToFind, receivingOrganisation: string, actor: Actor): void {
    const raw = patient.nhsNumber?.trim();
    if (!raw) return;
    const parsed = parseNhsNumber(raw);
    if (!parsed.ok || !parsed.isTestRange) return;
    const involved = actor.role === 'patient' ? [receivingOrganisation] : [receivingOrganisation, actor.organisationId];
    if (involved.every((organisation) => this.testOrganisations.includes(organisation))) return;
    throw new InvalidDemographicsError('nhsNumber', 'is in the 999 test range, accepted only between test organisations');
  }

  /**
   * With an idempotency key, the referral id (and the subject id of a person registered by this request) is
   * derived from the key and the caller's scope (one organisation's key never finds another's referral), so a
   * retry addresses the same streams and returns the first result without writing anything new.
   */
  async handle(
    form: ReferralForm | IncompleteReferralForm,
    context: { correlationId: string; actor: Actor; idempotencyKey?: string; scope: string; consents?: readonly ConsentRequest[] },
  ): Promise<ReceiveReferralResult> {
    // A referral goes only to an organisation the platform knows: 400 naming the field, nothing written.
    await this.organisations.assertKnown(form.receivingOrganisation, 'receivingOrganisation');
    const key = context.idempotencyKey;
    const referralId = key ? deterministicUuid(`referrals/receive-referral/${context.scope}/${key}`) : randomUUID();
    const streamId = referralStreamId(referralId);
    const { patient, ...details } = form;
    this.refuseTestRangeOutsideTestOrganisations(patient, details.receivingOrganisation, context.actor);

    const receivedAt = this.clock.now();
    // Consents given on the form (issue 15 item 5), as `PUT /patients/{id}/consents` takes them: a bad one is a 400
    // naming it before anything is written; the good ones go into the referral's own atomic append below.
    const consentCommands = (context.consents ?? []).map((request, index) => consentCommandOf(request, receivedAt, context.actor.organisationId, `consents[${index}].`));
    const baseMetadata = requestMetadata(context.correlationId, receivedAt, context.actor);
    if (key) {
      const earlier = await this.referrals.load(streamId);
      if (earlier.state.status !== 'None') {
        // A twin that committed a moment ago may not be projected yet: the person lookup must hold it before the
        // replay compares the person, or a true retry is refused as a reused key (422).
        await this.readModels.waitFor(earlier.position);
        return this.replay(earlier, { details, patient, consents: consentCommands }, baseMetadata, viewerOf(context.actor));
      }
    }

    const subjectIdIfNew = key ? deterministicUuid(`referrals/patient/${context.scope}/${key}`) : randomUUID();
    for (let attempt = 0; ; attempt++) {
      // Who the person is (one indexed query), then the index's writes, the referral and the index entry in ONE
      // atomic multi-stream append (issue 14: six appends and ~20 stream reads per referral before).
      // After a conflict the index's own streams decide (the lookup may not hold the concurrent writer's record yet).
      const plan = await this.patients.plan({ patient, subjectIdIfNew }, baseMetadata, attempt > 0);
      const { patientSubjectId, possibleDuplicatePatient } = plan.found;
      // A person this request registers has no care yet: only a known person's open care is read.
      const possibleDuplicateOf = plan.found.registered
        ? []
        : findPossibleDuplicates({ referralId, patientSubjectId, organisationId: details.receivingOrganisation }, await this.care.openCareOf(patientSubjectId)).map(
            (item) => item.id,
          );
      const facts = { referralId, patientSubjectId, receivedAt, possibleDuplicateOf, possibleDuplicatePatient };
      // A form missing answers but carrying a risk answer is received incomplete (issue 12 item 9).
      const decided = referralDecider.decide(
        isWhole(details) ? { type: 'ReceiveReferral', data: { ...details, ...facts } } : { type: 'ReceiveIncompleteReferral', data: { ...details, ...facts } },
        referralDecider.initialState,
      );
      const metadata = { ...baseMetadata, patientSubjectId, schemaVersion: 1 };
      const referred: PatientReferred['data'] = { patientSubjectId, referralId, organisationId: details.receivingOrganisation, at: receivedAt };
      const appends = withEvent(plan.appends, patientStreamId(patientSubjectId), {
        id: deterministicUuid(`referrals/patient-referred/${referralId}`),
        type: 'PatientReferred',
        data: referred,
        metadata,
      });
      // The consents, expected at the revision read: a concurrent change fails the whole append and is looked at again.
      const consents = consentCommands.length === 0 ? null : await this.consents.appendFor(patientSubjectId, consentCommands, metadata);
      if (consents) appends.push(consents);
      // The referral's part last: its revision is the answer's ETag.
      appends.push({ streamId, events: decided.map((event) => ({ id: randomUUID(), type: event.type, data: event.data, metadata })), expectedRevision: 'no_stream' });
      let written;
      try {
        written = await this.store.appendToStreams(appends);
      } catch (error) {
        // A twin request with the same key may have written first: its referral stream answers (the store reports
        // a stale revision, or — where sealed fields make the twin's stored copy differ byte for byte — its event ids).
        if (!(error instanceof WrongExpectedRevisionError) && !(error instanceof EventIdConflictError)) throw error;
        const earlier = await this.referrals.load(streamId);
        if (earlier.state.status !== 'None') {
          // The first result, or a refusal if its details differ (once the read models hold the twin's writes, so
          // that its person is found).
          await this.readModels.waitFor(earlier.position);
          return this.replay(earlier, { details, patient, consents: consentCommands }, baseMetadata, viewerOf(context.actor));
        }
        if (error instanceof WrongExpectedRevisionError && error.streamId === streamId) throw error;
        // The index changed under a concurrent registration (an NHS number taken meanwhile): look again.
        if (attempt >= 2) throw new Error('The patient index kept changing under concurrent registrations');
        continue;
      }
      const state = fold(referralDecider, decided);
      if (state.status === 'None') throw new Error('A received referral folded to no referral');
      // Its acknowledgement request is written by the referrals projection from ReferralAcknowledgementRequested, in
      // the page this wait covers (issue 14: no statement and commit of its own on the request path).
      await this.readModels.waitFor(written.lastGlobalPosition);
      const revision = (written.streams.at(-1) as AppendResult).nextExpectedRevision;
      return { view: toReferralView(state, viewerOf(context.actor)), revision, replayed: false };
    }
  }

  /**
   * Idempotent: completes the index entry where a store without multi-stream transactions (EventStoreDB) stopped
   * between the referral and its entry; otherwise nothing is written.
   */
  private async recordInIndex(state: Exclude<ReferralState, { status: 'None' }>, metadata: ReturnType<typeof requestMetadata>): Promise<void> {
    const known = await this.patients.referralsOf(state.patientSubjectId);
    if (known.some((referral) => referral.referralId === state.referralId)) return;
    await this.patients.recordReferral(
      { patientSubjectId: state.patientSubjectId, referralId: state.referralId, organisationId: state.receivingOrganisation, at: state.receivedAt },
      metadata,
      deterministicUuid(`referrals/patient-referred/${state.referralId}`),
    );
  }

  private async replay(
    earlier: { state: ReferralState; position: number | null; recorded: readonly RecordedEvent[] },
    retried: { details: Omit<IncompleteReferralDetails, 'patientSubjectId'>; patient: PatientToFind; consents: readonly ConsentsCommand[] },
    metadata: ReturnType<typeof requestMetadata>,
    viewer: string | null,
  ): Promise<ReceiveReferralResult> {
    const { state, position } = earlier;
    if (state.status === 'None') throw new Error('A replayed referral folded to no referral');
    const samePerson = await this.patients.find(retried.patient);
    const firstEvent = earlier.recorded[0];
    if (
      samePerson !== state.patientSubjectId ||
      !sameReferralDetails(state, { ...retried.details, patientSubjectId: state.patientSubjectId }) ||
      // The consents given on the form are part of its details: other ones are not a retry (issue 15 item 5).
      !firstEvent ||
      !(await this.consents.recordedByForm(state.patientSubjectId, retried.consents, firstEvent))
    ) {
      throw new IdempotencyKeyReusedError();
    }
    await this.recordInIndex(state, metadata);
    // A racing twin may not have projected yet: the relationships the read-back needs must be there.
    await this.readModels.waitFor(position);
    // The first result: the referral as it was received — ReferralReceived, its urgent-triage event if any, and its
    // acknowledgement request (every referral since issue 12 item 18).
    const received = receivedFieldsOf(state);
    // An incomplete referral always raised urgent triage (issue 12 item 9): revision 2 like any urgent one.
    const status = state.status === 'Incomplete' ? 'Incomplete' : 'Received';
    return { view: toReferralView({ status, ...received }, viewer), revision: received.urgentTriageReasons.length > 0 ? 2 : 1, replayed: true };
  }
}
