import { describe, expect, it } from 'vitest';
import { errorSummaryOf } from './problems';
import { decidedMessage, TRIAGE_FORM_FIELDS, type TriageFormState, triageRequestOf } from './triage-decision';

const blank: TriageFormState = {
  outcome: null, step: 'step-2', mergedIntoReferralId: '', directoryService: null, advice: '', destination: 'secondary-care', reason: 'outside-catchment', text: '', note: '',
};
const REFERRAL = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('the triage form’s request for each decision', () => {
  it('asks for a decision before sending anything', () => {
    expect(triageRequestOf(blank, 'DEMTT1')).toEqual({ errors: [{ field: 'outcome', messages: ['Choose a decision'] }] });
  });

  it('accepts to the chosen step for the clinician’s own organisation, with the note when given', () => {
    expect(triageRequestOf({ ...blank, outcome: 'accept', step: 'step-3', note: '  seen before ' }, 'DEMTT1')).toEqual({
      body: { outcome: 'accept', step: 'step-3', providingOrganisation: 'DEMTT1', note: 'seen before' },
    });
  });

  it('merges only into a referral reference, and says so when it is not one', () => {
    expect(triageRequestOf({ ...blank, outcome: 'merge' }, 'DEMTT1')).toEqual({ errors: [{ field: 'mergedIntoReferralId', messages: ['Enter the reference of the referral to merge this one into'] }] });
    expect(triageRequestOf({ ...blank, outcome: 'merge', mergedIntoReferralId: 'REF-12' }, 'DEMTT1')).toMatchObject({ errors: [{ field: 'mergedIntoReferralId' }] });
    expect(triageRequestOf({ ...blank, outcome: 'merge', mergedIntoReferralId: ` ${REFERRAL} ` }, 'DEMTT1')).toEqual({ body: { outcome: 'merge', mergedIntoReferralId: REFERRAL } });
  });

  it('signposts only to a service chosen from the directory, sending its id and name', () => {
    expect(triageRequestOf({ ...blank, outcome: 'signpost' }, 'DEMTT1')).toEqual({ errors: [{ field: 'directoryServiceId', messages: ['Search the directory and choose the service to signpost to'] }] });
    expect(triageRequestOf({ ...blank, outcome: 'signpost', directoryService: { id: 'svc-1', name: 'Walking group' } }, 'DEMTT1')).toEqual({
      body: { outcome: 'signpost', service: 'Walking group', directoryServiceId: 'svc-1' },
    });
  });

  it('returns with advice only when there is advice, and never sends the hidden fields of other decisions', () => {
    expect(triageRequestOf({ ...blank, outcome: 'return-with-advice', advice: '   ' }, 'DEMTT1')).toMatchObject({ errors: [{ field: 'advice' }] });
    expect(triageRequestOf({ ...blank, outcome: 'return-with-advice', advice: 'Try the practice counsellor first', mergedIntoReferralId: REFERRAL, note: 'x' }, 'DEMTT1')).toEqual({
      body: { outcome: 'return-with-advice', advice: 'Try the practice counsellor first' },
    });
  });

  it('refers on to the chosen destination', () => {
    expect(triageRequestOf({ ...blank, outcome: 'refer-on', destination: 'crisis-team' }, 'DEMTT1')).toEqual({ body: { outcome: 'refer-on', destination: 'crisis-team' } });
  });

  it('declines with "Other" only with an explanation', () => {
    expect(triageRequestOf({ ...blank, outcome: 'decline', reason: 'other' }, 'DEMTT1')).toMatchObject({ errors: [{ field: 'text' }] });
    expect(triageRequestOf({ ...blank, outcome: 'decline', reason: 'other', text: 'Moved away' }, 'DEMTT1')).toEqual({ body: { outcome: 'decline', reason: 'other', text: 'Moved away' } });
  });

  it('links each of its own errors to the field on the form', () => {
    const result = triageRequestOf({ ...blank, outcome: 'signpost' }, 'DEMTT1');
    if (!('errors' in result)) throw new Error('expected errors');
    expect(errorSummaryOf({ title: 'There is a problem', status: 400, errors: result.errors }, TRIAGE_FORM_FIELDS).items).toEqual([
      { text: 'Search the directory and choose the service to signpost to', href: '#field-directoryServiceId' },
    ]);
  });

  it('explains a stale decision (412) in words', () => {
    expect(errorSummaryOf({ title: 'Precondition Failed', status: 412 }, TRIAGE_FORM_FIELDS).items[0]?.text).toMatch(/Someone else changed this record after you opened it/);
  });

  it('says what was decided', () => {
    const words = (code: string) => `<${code}>`;
    expect(decidedMessage({ outcome: 'signpost', service: 'Walking group' }, words)).toBe('Signposted to Walking group.');
    expect(decidedMessage({ outcome: 'refer-on', destination: 'crisis-team' }, words)).toBe('Referred on to <crisis-team>.');
    expect(decidedMessage({ outcome: 'return-with-advice', advice: 'a' }, words)).toBe('Returned to the referrer with advice.');
  });
});
