import { users } from '@stepwell/access/testing';
import { PROBLEM_TYPE_BASE } from '@stepwell/http';
import { startOutcomesTestApp, type OutcomesTestApp } from '../testing/outcomes-test-app';

describe('GET /questionnaires', () => {
  let service: OutcomesTestApp;
  beforeAll(async () => {
    service = await startOutcomesTestApp('questionnaires');
  });
  afterAll(() => service.close());

  it('lists the supported questionnaires, then the anxiety-disorder measures marked as not yet supported, with totals', async () => {
    const response = await service.http().get('/questionnaires').expect(200);
    const codes = response.body.items.map((item: { code: string; status: string }) => `${item.code}:${item.status}`);
    expect(codes).toEqual([
      'PHQ-9:supported',
      'GAD-7:supported',
      'WSAS:supported',
      'IAPT-PHOBIA:supported',
      'SWEMWBS:supported',
      'ONS4:supported',
      'SPIN:not-yet-supported',
      'PDSS:not-yet-supported',
      'MI:not-yet-supported',
      'OCI-R:not-yet-supported',
      'PCL-5:not-yet-supported',
      'HAI:not-yet-supported',
    ]);
    expect(response.body).toMatchObject({ page: 1, pageSize: 50, total: 12 });
  });

  it('filters by status and pages', async () => {
    const response = await service.http().get('/questionnaires?status=supported&page=2&pageSize=4').expect(200);
    expect(response.body).toMatchObject({ page: 2, pageSize: 4, total: 6 });
    expect(response.body.items.map((item: { code: string }) => item.code)).toEqual(['SWEMWBS', 'ONS4']);
  });

  it('returns PHQ-9 with its items, scoring, bands and a FHIR Questionnaire whose answers carry their scores', async () => {
    const response = await service.http().get('/questionnaires/PHQ-9').expect(200);
    expect(response.body).toMatchObject({ code: 'PHQ-9', status: 'supported', version: '1', caseness: { kind: 'total-at-least', value: 10 } });
    expect(response.body.items).toHaveLength(9);
    expect(response.body.fhir).toMatchObject({ resourceType: 'Questionnaire', id: 'phq-9', status: 'active' });
    expect(response.body.fhir.item[8].answerOption[3].valueCoding.extension[0]).toEqual({
      url: 'http://hl7.org/fhir/StructureDefinition/ordinalValue',
      valueDecimal: 3,
    });
  });

  it('says why a disorder-specific measure is not supported rather than guessing its cut-offs', async () => {
    const response = await service.http().get('/questionnaires/SPIN').expect(200);
    expect(response.body).toMatchObject({ code: 'SPIN', status: 'not-yet-supported', reason: expect.stringContaining('not yet supported') });
    expect(response.body.caseness).toBeUndefined();
  });

  it('H-M6: says in the catalogue which Manual edition a disorder-specific measure needs and that its values are not held', async () => {
    const response = await service.http().get('/questionnaires/PDSS').expect(200);
    expect(response.body.manual).toMatchObject({ edition: expect.stringContaining('NHS Talking Therapies'), caseness: null, reliableChange: null });
    expect(response.body.published).toContain('7 items');
  });

  it('H-M5: labels the SWEMWBS metric conversion in the catalogue, and WSAS offers "not working" on the work item', async () => {
    const swemwbs = await service.http().get('/questionnaires/SWEMWBS').expect(200);
    expect(swemwbs.body).toMatchObject({ version: '2', scoring: { conversion: { label: 'metric' } }, noBandsReason: expect.any(String) });
    expect(swemwbs.body.scoring.conversion.table).toHaveLength(29);
    const wsas = await service.http().get('/questionnaires/WSAS').expect(200);
    expect(wsas.body.items[0].answerOptions[0]).toMatchObject({ value: -1, notApplicable: true });
  });

  it('answers 404 with a problem document for a questionnaire it does not know', async () => {
    const response = await service.http().get('/questionnaires/BDI-II').expect(404).expect('content-type', /problem\+json/);
    expect(response.body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}questionnaire-not-found`, code: 'QUESTIONNAIRE_NOT_FOUND' });
  });

  it('lets a link worker read the catalogue (no patient data) but refuses an auditor', async () => {
    await (await service.as(users.linkWorker)).get('/questionnaires').expect(200);
    await (await service.as(users.auditor)).get('/questionnaires').expect(403);
  });

  it('answers 400 to a page size above 200', async () => {
    await service.http().get('/questionnaires?pageSize=500').expect(400);
  });
});
