import { randomUUID } from 'node:crypto';
import { users } from '@stepwell/access/testing';
import { findQuestionnaire } from '../domain';
import { answersTotalling } from '../domain/testing/answers.builder';
import { startOutcomesTestApp, THERAPIST, type OutcomesTestApp } from '../testing/outcomes-test-app';

describe('measures over time', () => {
  let service: OutcomesTestApp;
  let patient: string;
  beforeAll(async () => {
    service = await startOutcomesTestApp('measures');
    patient = `p-${randomUUID()}`;
    const episodeId = randomUUID();
    await service.relate(patient, THERAPIST.org);
    await service.deliver.episodeOpened(patient, { episodeId });
    for (const [week, total] of [15, 12, 8].entries()) {
      service.clock.set(new Date(Date.UTC(2026, 0, 5 + 7 * week, 10)).toISOString());
      await service
        .http()
        .post(`/patients/${patient}/responses`)
        .send({ questionnaireCode: 'PHQ-9', questionnaireVersion: '1', episodeId, completedBy: 'patient', answers: answersTotalling(findQuestionnaire('PHQ-9'), total, { 'phq9-9': 0 }) })
        .expect(201);
    }
    await service.settled();
  });
  afterAll(() => service.close());

  it('returns the PHQ-9 series oldest first with the caseness cut-off and reliable change of the rule set in force', async () => {
    const response = await service.http().get(`/patients/${patient}/measures?code=PHQ-9`).expect(200);
    expect(response.body).toMatchObject({ patientSubjectId: patient, code: 'PHQ-9', maxTotal: 27, casenessCutOff: 10, reliableChange: 6, ruleSetVersion: 'v1', total: 3 });
    expect(response.body.items.map((p: { total: number; takenAt: string }) => [p.total, p.takenAt.slice(0, 10)])).toEqual([
      [15, '2026-01-05'],
      [12, '2026-01-12'],
      [8, '2026-01-19'],
    ]);
  });

  it('pages the series', async () => {
    const response = await service.http().get(`/patients/${patient}/measures?code=PHQ-9&page=2&pageSize=2`).expect(200);
    expect(response.body).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(response.body.items.map((p: { total: number }) => p.total)).toEqual([8]);
  });

  it('draws the series as an SVG with the cut-off line, the reliable-change band and one point per score, naming no patient', async () => {
    const response = await service.http().get(`/patients/${patient}/measures/chart.svg?code=PHQ-9`).expect(200).expect('content-type', /image\/svg\+xml/);
    // supertest hands an image back as a Buffer.
    const svg = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : response.text;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('caseness ≥ 10');
    expect(svg).toContain('class="reliable-change-band"');
    expect(svg.match(/class="score"/g)).toHaveLength(3);
    expect(svg).not.toContain(patient);
  });

  it('answers 400 for a measure it cannot chart and without a code', async () => {
    await service.http().get(`/patients/${patient}/measures?code=BDI-II`).expect(400);
    await service.http().get(`/patients/${patient}/measures`).expect(400);
  });

  it('refuses the series to the voluntary sector and to an organisation with no relationship', async () => {
    await (await service.as(users.linkWorker)).get(`/patients/${patient}/measures?code=PHQ-9`).expect(403);
    await (await service.as(users.crisisClinician)).get(`/patients/${patient}/measures/chart.svg?code=PHQ-9`).expect(403);
  });
});
