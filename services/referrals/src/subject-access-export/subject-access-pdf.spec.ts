import type { SubjectAccessBundle } from './subject-access-export.handler';
import { REDACTED } from './subject-access-export.handler';
import { pdfText } from '@stepwell/testing';
import { subjectAccessPdf } from './subject-access-pdf';

const entry = (position: number, summary: string, data: unknown) => ({
  entryId: `referrals:${position}`,
  service: 'referrals',
  occurredAt: '2026-12-01T10:00:00.000Z',
  type: 'ReferralReceived',
  summary,
  actor: { userId: 'u-gp-1', role: 'clinician', organisationId: 'A81001' },
  data,
});

const bundle: SubjectAccessBundle = {
  exportId: 'e1',
  patientSubjectId: 'p1',
  lawfulBasis: 'UK GDPR Article 15',
  requestedAt: '2026-12-01T10:00:00.000Z',
  releasedAt: '2026-12-02T10:00:00.000Z',
  services: [
    {
      service: 'referrals',
      generatedAt: '2026-12-01T10:00:00.000Z',
      entries: [entry(1, 'You were referred: pdf-marker-kept', { reason: 'pdf-marker-kept' }), entry(2, REDACTED('names a family member'), REDACTED('names a family member'))],
      accessLog: [],
    },
  ],
  notAnswered: [{ service: 'directory', failure: 'not-known-to-service' }],
  measures: [
    { questionnaire: 'PHQ9', at: '2026-11-01T10:00:00.000Z', total: 18 },
    { questionnaire: 'PHQ9', at: '2026-11-15T10:00:00.000Z', total: 12 },
    { questionnaire: 'GAD7', at: '2026-11-01T10:00:00.000Z', total: 14 },
  ],
};

describe('the subject access PDF', () => {
  it('shows every entry, the redaction in place of a withheld one, the services that gave nothing, and a score chart', async () => {
    const pdf = await subjectAccessPdf(bundle);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain('pdf-marker-kept');
    expect(text).toContain('[redacted: names a family member]');
    expect(text).toContain('directory: not-known-to-service');
    expect(text).toContain('Your questionnaire scores');
    expect(text).toContain('PHQ9');
    expect(text).toContain('GAD7');
    // The chart's lines: vector path operators (moveTo/lineTo/stroke) in the content stream.
    expect(pdf.toString('latin1')).toMatch(/ l\n[\s\S]*S\n/);
  });

  it('draws no chart when there are no scores', async () => {
    const text = pdfText(await subjectAccessPdf({ ...bundle, measures: [] }));
    expect(text).not.toContain('Your questionnaire scores');
    expect(text).toContain('pdf-marker-kept');
  });
});
