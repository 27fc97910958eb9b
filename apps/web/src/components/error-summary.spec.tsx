import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { errorSummaryOf, fieldErrorsOf, fieldId, type Problem } from '../lib/problems';
import { REFER_FORM_FIELDS } from '../pages/refer';
import { ErrorSummary } from './error-summary';

const validation: Problem = {
  type: 'https://stepwell.example/problems/validation-failed',
  title: 'Request validation failed',
  status: 400,
  detail: 'The request has 3 invalid fields.',
  errors: [
    { field: 'patient.nhsNumber', messages: ['patient.nhsNumber fails the Modulus 11 check'] },
    { field: 'riskIndicators.selfHarm', messages: ['riskIndicators.selfHarm must be a boolean value'] },
    { field: 'isAdmin', messages: ['property isAdmin should not exist'] },
  ],
};

describe('an RFC 9457 problem as the design system’s error summary', () => {
  it('lists each named field with a link to its input on the form, and the fields the form lacks without a link', () => {
    const summary = errorSummaryOf(validation, REFER_FORM_FIELDS);
    expect(summary).toEqual({
      title: 'There is a problem',
      items: [
        { text: 'patient.nhsNumber fails the Modulus 11 check', href: '#field-patient-nhsNumber' },
        { text: 'riskIndicators.selfHarm must be a boolean value', href: '#field-riskIndicators-selfHarm' },
        { text: 'property isAdmin should not exist' },
      ],
    });
  });

  it('links a nested field to its nearest parent the form has', () => {
    const summary = errorSummaryOf({ title: 'x', status: 400, errors: [{ field: 'riskIndicators.notes', messages: ['too long'] }] }, ['riskIndicators']);
    expect(summary.items).toEqual([{ text: 'too long', href: `#${fieldId('riskIndicators')}` }]);
  });

  it('explains a 412 in words (someone else changed the record; reload and decide again), with the service’s detail after it', () => {
    const summary = errorSummaryOf({ title: 'Precondition Failed', status: 412, detail: 'If-Match "1" does not match the current version "3".' }, []);
    expect(summary.items[0]?.text).toMatch(/Someone else changed this record after you opened it, so your decision was not saved/);
    expect(summary.items[1]?.text).toBe('If-Match "1" does not match the current version "3".');
    expect(summary.items.every((item) => item.href === undefined)).toBe(true);
  });

  it('falls back to the title when a problem has neither fields, known status nor detail', () => {
    expect(errorSummaryOf({ title: 'I am a teapot', status: 418 }).items).toEqual([{ text: 'I am a teapot' }]);
  });

  it('renders as the NHS error summary: an alert with a title and one link per field, to the element id the form uses', () => {
    const html = renderToStaticMarkup(<ErrorSummary summary={errorSummaryOf(validation, REFER_FORM_FIELDS)} />);
    expect(html).toContain('class="nhsuk-error-summary"');
    expect(html).toContain('role="alert"');
    expect(html).toContain('<h2 class="nhsuk-error-summary__title" id="error-summary-title">There is a problem</h2>');
    expect(html.match(/<a href="#field-[^"]+"/g)).toEqual(['<a href="#field-patient-nhsNumber"', '<a href="#field-riskIndicators-selfHarm"']);
    expect(html).toContain('<li>property isAdmin should not exist</li>');
  });

  it('renders nothing without a problem', () => {
    expect(renderToStaticMarkup(<ErrorSummary summary={null} />)).toBe('');
  });
});

describe('a problem’s field messages under their fields', () => {
  it('gives each named field its messages as one sentence, and nothing for a problem naming no field', () => {
    const problem: Problem = {
      type: 'about:blank',
      title: 'The request is not valid',
      status: 400,
      errors: [
        { field: 'patient.nhsNumber', messages: ['nhsNumber must be 10 digits', 'nhsNumber fails the modulus 11 check'] },
        { field: 'urgency', messages: ['urgency must be routine or urgent'] },
      ],
    };
    expect(fieldErrorsOf(problem)).toEqual({
      'patient.nhsNumber': 'nhsNumber must be 10 digits. nhsNumber fails the modulus 11 check',
      urgency: 'urgency must be routine or urgent',
    });
    expect(fieldErrorsOf({ type: 'about:blank', title: 'Conflict', status: 409 })).toEqual({});
  });
});
