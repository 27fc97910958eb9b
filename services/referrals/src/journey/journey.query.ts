import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@stepwell/event-store';
import { buildJourney, buildSocialPrescriptionJourney, type JourneyConsultation, type JourneyMdtCase, type JourneySocialPrescription, type JourneySourceEvent, type PatientJourney } from '../domain/journey';
import { KnownConsultations } from '../shared/known-consultations';
import { KnownMdtCases } from '../shared/known-mdt-cases';
import { referralStreamId, type ReferralState } from '../domain/referral.decider';
import { episodeStreamId } from '../shared/episode-commands';
import { PatientIndex } from '../shared/patient-index';
import { PatientCare } from '../shared/open-care';
import { SocialPrescriptionFacts } from '../shared/social-prescription-facts';

/**
 * The journey with the person's social prescriptions beside it (issue 17, the closed loop): what the directory
 * published — made, accepted or declined, attendance, completion, goal progress, wellbeing measures — as referrals had
 * learnt it by `asOf`.
 */
export type PatientJourneyWithCommunity = PatientJourney & { socialPrescriptions: JourneySocialPrescription[]; consultations: JourneyConsultation[]; mdtCases: JourneyMdtCase[] };

/**
 * A person's journey rebuilt from this service's events recorded up to `asOf` (the domain's `buildJourney` drops
 * later ones by their commit time, so a past instant's answer never changes as events arrive).
 */
@Injectable()
export class JourneyQuery {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly index: PatientIndex,
    private readonly care: PatientCare,
    private readonly consultations: KnownConsultations,
    private readonly socialPrescriptions: SocialPrescriptionFacts,
    private readonly mdtCases: KnownMdtCases,
  ) {}

  /**
   * The journey, the person's social prescriptions, and the consultations about the person referrals knows of (issue
   * 16: ids, organisations, times and coded outcomes from the consultations service's events), each with the referrals
   * it made. A consultation is listed as of its request time (referrals keeps no commit time for it), its outcome once
   * answered by `asOf`.
   */
  async run(patientSubjectId: string, asOf: string): Promise<PatientJourneyWithCommunity> {
    const journey = await this.events(patientSubjectId, asOf);
    const cutOff = Date.parse(asOf);
    const consultations = (await this.consultations.ofPatient(patientSubjectId))
      .filter((c) => Date.parse(c.requestedAt) <= cutOff)
      .map((c) => {
        const answered = c.answeredAt !== null && Date.parse(c.answeredAt) <= cutOff;
        return {
          ...c,
          outcome: answered ? c.outcome : null,
          answeredAt: answered ? c.answeredAt : null,
          referralIds: journey.referrals.filter((r) => r.consultationId === c.consultationId).map((r) => r.referralId),
        };
      });
    // The MDT cases discussed about the person (issue 16 item 6), as of their decision time; a referral decided without
    // consent, which referrals does not create, is shown as not created so the clinician refers the person (H-MR2).
    const mdtCases = (await this.mdtCases.ofPatient(patientSubjectId))
      .filter((c) => Date.parse(c.decidedAt) <= cutOff)
      .map(({ consentNotNeeded, ...c }) => ({
        ...c,
        referralIds: journey.referrals.filter((r) => r.mdtCaseId === c.caseId).map((r) => r.referralId),
        referralNotCreated: consentNotNeeded ? { because: 'consent-not-needed' as const, consentNotNeededBecause: consentNotNeeded.because, receivingOrganisationId: consentNotNeeded.receivingOrganisationId } : null,
      }));
    return { ...journey, consultations, mdtCases };
  }

  private async events(patientSubjectId: string, asOf: string): Promise<PatientJourney & { socialPrescriptions: JourneySocialPrescription[] }> {
    const events: RecordedEvent[] = [];
    const referrals = await this.care.referralsOf(patientSubjectId);
    const referralIds = new Set((await this.index.referralsOf(patientSubjectId)).map((r) => r.referralId));
    for (const referralId of referralIds) events.push(...(await this.store.readStream(referralStreamId(referralId))));
    for (const episodeId of referrals.map(episodeOf).filter((id): id is string => id !== null)) {
      events.push(...(await this.store.readStream(episodeStreamId(episodeId))));
    }
    // Merges and unmerges of this record with others are part of the person's journey (issue 10 item 3).
    events.push(...(await this.index.mergeEventsOf(patientSubjectId)));
    events.sort((a, b) => a.globalPosition - b.globalPosition);
    const journey = buildJourney(events as unknown as JourneySourceEvent[], asOf);
    // The records merged into this one count as the person's, as their referrals do.
    const subjects = [patientSubjectId, ...(await this.index.duplicatesOf(patientSubjectId))];
    return { ...journey, socialPrescriptions: buildSocialPrescriptionJourney(await this.socialPrescriptions.of(subjects), asOf) };
  }
}

const episodeOf = (state: Exclude<ReferralState, { status: 'None' }>): string | null => (state.status === 'Triaged' ? state.episodeId : null);
