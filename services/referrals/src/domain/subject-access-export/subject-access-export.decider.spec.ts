import { givenFor } from '@stepwell/decider/testing';
import { type SubjectAccessExportEvent, subjectAccessExportDecider } from './subject-access-export.decider';

const given = givenFor(subjectAccessExportDecider);
const at = '2026-12-03T09:00:00.000Z';
const requested: SubjectAccessExportEvent = {
  type: 'SubjectAccessExportRequested',
  data: { exportId: 'x1', patientSubjectId: 'p1', sources: ['referrals', 'outcomes'], requestedAt: at },
};
const collected = (source: string, entryIds: string[]): SubjectAccessExportEvent => ({
  type: 'SubjectAccessSourceCollected',
  data: { source, holdings: { entries: [] }, entryIds, at },
});
const failed = (source: string, failure: string): SubjectAccessExportEvent => ({ type: 'SubjectAccessSourceFailed', data: { source, failure, at } });
const release = { type: 'ReleaseSubjectAccessExport' as const, data: { at, settledFailure: 'not-known-to-service' } };
const redact = (entryId: string, reason = 'names a family member') => ({ type: 'MarkEntryForRedaction' as const, data: { entryId, reason, at } });

describe('the subject access export decider', () => {
  it('is requested once: a repeat of the request decides nothing', () => {
    given([]).when({ type: 'RequestSubjectAccessExport', data: requested.data }).then([requested]);
    given([requested]).when({ type: 'RequestSubjectAccessExport', data: requested.data }).then([]);
  });

  it('refuses release while a service is not gathered or failed other than "not known", never silently incomplete', () => {
    given([requested, collected('referrals', ['referrals:1'])]).when(release).thenThrows('SUBJECT_ACCESS_EXPORT_INCOMPLETE');
    given([requested, collected('referrals', ['referrals:1']), failed('outcomes', 'unreachable')]).when(release).thenThrows('SUBJECT_ACCESS_EXPORT_INCOMPLETE');
  });

  it('releases once every service answered (a service that does not know the person is named, not hidden), and only once', () => {
    const done = [requested, collected('referrals', ['referrals:1']), failed('outcomes', 'not-known-to-service')];
    given(done).when(release).then([{ type: 'SubjectAccessExportReleased', data: { at } }]);
    given([...done, { type: 'SubjectAccessExportReleased', data: { at } }]).when(release).then([]);
  });

  it('a retry that gathers a failed service replaces its failure', () => {
    given([requested, failed('outcomes', 'unreachable')])
      .when({ type: 'RecordSourceHoldings', data: { source: 'outcomes', holdings: { entries: [] }, entryIds: ['outcomes:4'], at } })
      .then([collected('outcomes', ['outcomes:4'])]);
    given([requested, collected('outcomes', ['outcomes:4'])]).when({ type: 'RecordSourceFailure', data: { source: 'outcomes', failure: 'unreachable', at } }).then([]);
  });

  it('asks the failed services again on a retry (pending until they answer), and refuses a retry once released', () => {
    const retry = { type: 'RetrySubjectAccessGathering' as const, data: { at } };
    given([requested, collected('referrals', ['referrals:1']), failed('outcomes', 'unreachable')]).when(retry).then([{ type: 'SubjectAccessGatheringRetried', data: { sources: ['outcomes'], at } }]);
    given([requested, collected('referrals', ['referrals:1'])]).when(retry).then([]);
    given([requested, { type: 'SubjectAccessExportReleased', data: { at } }]).when(retry).thenThrows('SUBJECT_ACCESS_EXPORT_RELEASED');
  });

  it('marks only entries of the export for redaction, and none after release', () => {
    const gathered = [requested, collected('referrals', ['referrals:1', 'referrals:2'])];
    given(gathered).when(redact('referrals:2')).then([{ type: 'SubjectAccessEntryRedactionMarked', data: redact('referrals:2').data }]);
    given(gathered).when(redact('referrals:9')).thenThrows('SUBJECT_ACCESS_ENTRY_NOT_FOUND');
    given([...gathered, { type: 'SubjectAccessEntryRedactionMarked', data: redact('referrals:2').data }]).when(redact('referrals:2')).then([]);
    given([...gathered, { type: 'SubjectAccessExportReleased', data: { at } }]).when(redact('referrals:1')).thenThrows('SUBJECT_ACCESS_EXPORT_RELEASED');
  });
});
