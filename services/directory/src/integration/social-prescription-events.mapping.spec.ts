import { validateIntegrationEvent } from '@stepwell/contracts';
import type { EventMetadata, RecordedEvent } from '@stepwell/event-store';
import { testNow } from '@stepwell/testing';
import { socialPrescriptionDecider, socialPrescriptionStreamId, type SocialPrescriptionCommand, type SocialPrescriptionEvent, type SocialPrescriptionState } from '../domain';
import { mapDirectoryEvent, PUBLISHED_CATEGORIES } from './social-prescription-events.mapping';

const T0 = testNow();
const at = (days: number): string => new Date(T0 + days * 86_400_000).toISOString();

/** The events of a whole lifecycle, decided by the decider itself, as the relay reads them from the log. */
function lifecycle(): RecordedEvent[] {
  const commands: SocialPrescriptionCommand[] = [
    {
      type: 'ReceiveLinkWorkerReferral', prescriptionId: 'sp-1', patientSubjectId: 'p-1', linkWorkerOrganisationId: 'VS0042', source: 'gp', sourceOrganisationId: 'A81001',
      sourceReference: 'GP letter 12', personName: 'Sam Example', contact: { method: 'email', value: 'sam@example.org' }, reason: 'Low mood since redundancy', consentOrganisationIds: ['VS0077'], at: at(0),
    },
    { type: 'RecordWhatMattersConversation', goals: [{ id: 'g-1', domain: 'employment-and-training', description: 'Find volunteering', shareable: true }], baseline: { measure: 'SWEMWBS', score: 18, questionnaireResponseId: 'qr-1', takenOn: at(1).slice(0, 10) }, at: at(1) },
    { type: 'ReferToCommunityService', serviceId: 'svc-vol', serviceOrganisationId: 'VS0077', asks: 'A volunteering placement', sharedGoalIds: ['g-1'], safetyNotes: 'Anxious on the phone', at: at(2) },
    { type: 'DeclineCommunityReferral', reason: 'no-capacity', at: at(3) },
    { type: 'ReferToCommunityService', serviceId: 'svc-vol', serviceOrganisationId: 'VS0077', asks: 'A volunteering placement', sharedGoalIds: ['g-1'], safetyNotes: null, at: at(4) },
    { type: 'CheckReplyWindow', at: at(18) },
    { type: 'ReferToCommunityService', serviceId: 'svc-vol', serviceOrganisationId: 'VS0077', asks: 'A volunteering placement', sharedGoalIds: ['g-1'], safetyNotes: null, at: at(19) },
    { type: 'AcceptCommunityReferral', at: at(20) },
    { type: 'RecordProgress', step: 'waiting', on: at(20).slice(0, 10), at: at(20) },
    { type: 'RecordProgress', step: 'started', on: at(25).slice(0, 10), at: at(25) },
    { type: 'RecordProgress', step: 'attended', on: at(25).slice(0, 10), at: at(25) },
    { type: 'RecordProgress', step: 'did-not-attend', on: at(32).slice(0, 10), at: at(32) },
    { type: 'RecordProgress', step: 'dropped-out', on: at(40).slice(0, 10), at: at(40) },
    { type: 'RecordGoalProgress', goalId: 'g-1', progress: 'some-progress', at: at(41) },
    { type: 'RecordFollowUpMeasure', measure: { measure: 'ONS4', items: { satisfied: 6, worthwhile: 6, happy: 5, anxious: 4 }, questionnaireResponseId: null, takenOn: at(42).slice(0, 10) }, at: at(42) },
  ];
  let state: SocialPrescriptionState = socialPrescriptionDecider.initialState;
  const recorded: RecordedEvent[] = [];
  for (const command of commands) {
    for (const event of socialPrescriptionDecider.decide(command, state)) {
      state = socialPrescriptionDecider.evolve(state, event);
      const metadata: EventMetadata = { occurredAt: command.at, correlationId: 'corr-1', causationId: null, actor: { userId: 'u-1', organisationId: 'VS0042', role: 'link-worker' }, patientSubjectId: 'p-1', schemaVersion: 1 };
      recorded.push({ id: `00000000-0000-4000-8000-${String(recorded.length + 1).padStart(12, '0')}`, type: event.type, data: event.data, metadata, streamId: socialPrescriptionStreamId('sp-1'), revision: recorded.length, globalPosition: recorded.length + 1, recordedAt: command.at, hash: 'h' });
    }
  }
  return recorded;
}

describe('publishing social prescriptions (directory v1 contracts)', () => {
  const events = lifecycle();
  const published = events.flatMap((e) => mapDirectoryEvent(e).map((p) => ({ from: e.type as SocialPrescriptionEvent['type'], event: p })));

  it('relays the social prescription streams', () => {
    expect(PUBLISHED_CATEGORIES).toEqual(['directory_socialprescription']);
  });

  it('publishes made, declined (by the organisation and automatically), accepted and each step, each valid against its contract', () => {
    expect(published.map((p) => `${p.from} → ${p.event.type}`)).toEqual([
      'WhatMattersConversationRecorded → directory.wellbeing-measure-recorded',
      'CommunityReferralMade → directory.social-prescription-made',
      'CommunityReferralDeclined → directory.social-prescription-declined',
      'CommunityReferralMade → directory.social-prescription-made',
      'CommunityReferralAutoDeclined → directory.social-prescription-declined',
      'CommunityReferralMade → directory.social-prescription-made',
      'CommunityReferralAccepted → directory.social-prescription-accepted',
      'SocialPrescriptionWaiting → directory.social-prescription-progressed',
      'SocialPrescriptionStarted → directory.social-prescription-progressed',
      'SocialPrescriptionSessionAttended → directory.social-prescription-progressed',
      'SocialPrescriptionSessionMissed → directory.social-prescription-progressed',
      'SocialPrescriptionDroppedOut → directory.social-prescription-progressed',
      'GoalProgressRecorded → directory.social-prescription-progressed',
      'FollowUpWellbeingRecorded → directory.social-prescription-progressed',
      'FollowUpWellbeingRecorded → directory.wellbeing-measure-recorded',
    ]);
    for (const { event } of published) expect(validateIntegrationEvent(event)).toEqual({ ok: true });
    const declines = published.filter((p) => p.event.type === 'directory.social-prescription-declined').map((p) => p.event.data);
    expect(declines).toEqual([expect.objectContaining({ reason: 'no-capacity', automatic: false }), expect.objectContaining({ reason: 'no-reply', automatic: true })]);
    expect(published.every((p) => p.event.patientSubjectId === 'p-1' && p.event.causationId !== null)).toBe(true);
  });

  it('publishes the baseline and follow-up measures as totals (SWEMWBS raw, ONS4 items in order), for outcomes and the journey', () => {
    const measures = published.filter((p) => p.event.type === 'directory.wellbeing-measure-recorded').map((p) => p.event.data);
    expect(measures).toEqual([
      { prescriptionId: 'sp-1', linkWorkerOrganisationId: 'VS0042', timing: 'baseline', measure: 'SWEMWBS', total: 18, ons4Items: null, takenOn: at(1).slice(0, 10), recordedAt: at(1) },
      { prescriptionId: 'sp-1', linkWorkerOrganisationId: 'VS0042', timing: 'follow-up', measure: 'ONS4', total: null, ons4Items: [6, 6, 5, 4], takenOn: at(42).slice(0, 10), recordedAt: at(42) },
    ]);
  });

  it('publishes nothing for a measure whose numbers are gone (the person’s key shredded)', () => {
    const followUp = events.find((e) => e.type === 'FollowUpWellbeingRecorded');
    if (!followUp) throw new Error('no follow-up in the lifecycle');
    const erased = { ...followUp, data: { ...(followUp.data as object), measure: { measure: 'SWEMWBS', score: '[erased]', questionnaireResponseId: null, takenOn: at(42).slice(0, 10) } } };
    expect(mapDirectoryEvent(erased).map((e) => e.type)).toEqual(['directory.social-prescription-progressed']);
  });

  it('carries no personal data beyond ids and measure totals: no name, contact, reason, goal text, asks, safety notes', () => {
    const text = JSON.stringify(published.filter((p) => p.event.type !== 'directory.wellbeing-measure-recorded').map((p) => p.event));
    expect(text).not.toMatch(/"total"|"ons4Items"/);
    const all = JSON.stringify(published.map((p) => p.event));
    for (const secret of ['Sam Example', 'sam@example.org', 'redundancy', 'Find volunteering', 'volunteering placement', 'Anxious', 'GP letter', '"score"', '"items"']) {
      expect(text).not.toContain(secret);
      expect(all).not.toContain(secret);
    }
  });
});
