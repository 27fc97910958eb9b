import { randomUUID } from 'node:crypto';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { THERAPIST, type OutcomesTestApp } from './outcomes-test-app';

/**
 * An episode at THERAPIST's organisation: one attended treatment session a week from 2026-01-05, each with a PHQ-9
 * and a GAD-7 of the totals given (null: attended, no measures taken), then (unless `discharged` is false) a
 * discharge. With `stepUp`, the episode steps up to secondary care at another organisation after that many
 * sessions; the later sessions are held there and the discharge is that organisation's. Waits for the read models.
 */
export async function runEpisode(
  service: OutcomesTestApp,
  scores: ReadonlyArray<readonly [phq9: number, gad7: number] | null>,
  options: {
    discharged?: boolean;
    dischargedAt?: string;
    step?: 'step-2' | 'step-3';
    stepUp?: { afterSessions: number; toOrganisationId: string };
  } = {},
): Promise<{ patient: string; episodeId: string }> {
  const patient = `p-${randomUUID()}`;
  const episodeId = randomUUID();
  await service.relate(patient, THERAPIST.org);
  await service.deliver.episodeOpened(patient, { episodeId, step: options.step ?? 'step-2' });
  let organisationId = THERAPIST.org;
  for (const [week, session] of scores.entries()) {
    const sessionAt = new Date(Date.UTC(2026, 0, 5 + 7 * week, 10)).toISOString();
    if (options.stepUp && week === options.stepUp.afterSessions) {
      const changedAt = new Date(Date.parse(sessionAt) - 86_400_000).toISOString();
      service.clock.set(changedAt);
      await service.deliver.stepChanged(patient, {
        episodeId,
        fromStep: options.step ?? 'step-2',
        toStep: 'secondary-care',
        toOrganisationId: options.stepUp.toOrganisationId,
        changedAt,
      });
      organisationId = options.stepUp.toOrganisationId;
    }
    service.clock.set(sessionAt);
    await service.deliver.attended(patient, { episodeId, organisationId, attendedAt: sessionAt, startsAt: sessionAt });
    if (session === null) continue;
    const [phq, gad] = session;
    for (const [code, total] of [['PHQ-9', phq], ['GAD-7', gad]] as const) {
      await service
        .http()
        .post(`/patients/${patient}/responses`)
        .send({
          questionnaireCode: code,
          questionnaireVersion: '1',
          episodeId,
          completedBy: 'clinician',
          answers: answersTotalling(findQuestionnaire(code), total, code === 'PHQ-9' ? { 'phq9-9': 0 } : {}),
        })
        .expect(201);
    }
  }
  await service.settled();
  if (options.discharged !== false) {
    await service.deliver.discharged(patient, {
      episodeId,
      providingOrganisationId: organisationId,
      dischargedAt: options.dischargedAt ?? '2026-03-01T09:00:00.000Z',
    });
    await service.settled();
  }
  return { patient, episodeId };
}
