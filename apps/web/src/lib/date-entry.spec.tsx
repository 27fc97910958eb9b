import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DateField } from '../components/date-field';
import { ErrorSummary } from '../components/error-summary';
import { checkDate, londonToday } from './date-entry';
import { errorSummaryOf, type Problem } from './problems';

const parts = (day: string, month: string, year: string) => ({ day, month, year });
const TODAY = londonToday();
const [thisYear] = TODAY.split('-').map(Number) as [number];

describe('date entry (day, month and year boxes)', () => {
  it('gives the ISO date, padded, for a real date', () => {
    expect(checkDate(parts(' 1', '4 ', '1990'), 'Date of birth')).toEqual({ state: 'valid', iso: '1990-04-01' });
  });

  it('is empty, not wrong, when nothing was typed (the API says whether the date is needed)', () => {
    expect(checkDate(parts('', ' ', ''), 'Date of birth')).toEqual({ state: 'empty' });
  });

  it('names the missing parts, pointing at the first', () => {
    expect(checkDate(parts('15', '', '1984'), 'Date of birth')).toEqual({ state: 'invalid', message: 'Date of birth must include a month', part: 'month' });
    expect(checkDate(parts('15', '', ''), 'Date of birth')).toEqual({ state: 'invalid', message: 'Date of birth must include a month and year', part: 'month' });
  });

  it('refuses dates that do not exist: 31 April, 29 February outside a leap year, month 13, letters', () => {
    expect(checkDate(parts('31', '4', '1990'), 'Date of birth')).toMatchObject({ state: 'invalid', message: 'Date of birth must be a real date', part: 'day' });
    expect(checkDate(parts('29', '2', '2023'), 'Date of birth')).toMatchObject({ state: 'invalid', part: 'day' });
    expect(checkDate(parts('29', '2', '2024'), 'Date of birth')).toEqual({ state: 'valid', iso: '2024-02-29' });
    expect(checkDate(parts('1', '13', '1990'), 'Date of birth')).toMatchObject({ state: 'invalid', part: 'month' });
    expect(checkDate(parts('1', 'Apr', '1990'), 'Date of birth')).toMatchObject({ state: 'invalid', message: 'Date of birth must be a real date', part: 'month' });
  });

  it('wants four numbers in the year', () => {
    expect(checkDate(parts('1', '4', '90'), 'Date of birth')).toEqual({ state: 'invalid', message: 'Year must include 4 numbers', part: 'year' });
  });

  it('refuses today and later for a date that must be in the past (dates relative to today, never fixed)', () => {
    const [y, m, d] = TODAY.split('-') as [string, string, string];
    expect(checkDate(parts(d, m, y), 'Date of birth', { mustBePast: true, today: TODAY })).toEqual({ state: 'invalid', message: 'Date of birth must be in the past', part: null });
    expect(checkDate(parts('1', '1', String(thisYear + 1)), 'Date of birth', { mustBePast: true, today: TODAY })).toMatchObject({ state: 'invalid', part: null });
    expect(checkDate(parts('1', '1', String(thisYear - 30)), 'Date of birth', { mustBePast: true, today: TODAY })).toEqual({ state: 'valid', iso: `${thisYear - 30}-01-01` });
  });
});

describe('the date field with a validation message mapped from a problem document', () => {
  const problem: Problem = {
    title: 'Request validation failed',
    status: 400,
    errors: [{ field: 'patient.dateOfBirth', messages: ['patient.dateOfBirth must not be in the future'] }],
  };
  const fieldErrors = Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.messages.join('. ')]));

  it('shows the API’s message on the field, marks all three boxes, and the summary links to the day box', () => {
    const html = renderToStaticMarkup(<DateField field="patient.dateOfBirth" label="Date of birth" value={parts('1', '1', '2999')} onChange={() => undefined} errors={fieldErrors} />);
    expect(html).toContain('nhsuk-form-group--error');
    expect(html).toContain('<span class="nhsuk-error-message" id="field-patient-dateOfBirth-error"><span class="nhsuk-u-visually-hidden">Error:</span> patient.dateOfBirth must not be in the future</span>');
    expect(html.match(/nhsuk-input--error/g)).toHaveLength(3);
    expect(html).toContain('aria-describedby="field-patient-dateOfBirth-error"');
    const summary = renderToStaticMarkup(<ErrorSummary summary={errorSummaryOf(problem, ['patient.dateOfBirth'])} />);
    expect(summary).toContain('<a href="#field-patient-dateOfBirth">patient.dateOfBirth must not be in the future</a>');
    expect(html).toContain('id="field-patient-dateOfBirth"');
  });

  it('marks only the box the form’s own check is about', () => {
    const html = renderToStaticMarkup(
      <DateField field="patient.dateOfBirth" label="Date of birth" value={parts('15', '', '1984')} onChange={() => undefined} errors={{ 'patient.dateOfBirth': 'Date of birth must include a month' }} errorPart="month" />,
    );
    expect(html.match(/class="[^"]*nhsuk-input--error[^"]*" id="([^"]+)"/g)?.map((m) => m.replace(/.*id="/, '').replace('"', ''))).toEqual(['field-patient-dateOfBirth-month']);
  });

  it('has no error markup without an error', () => {
    const html = renderToStaticMarkup(<DateField field="patient.dateOfBirth" label="Date of birth" hint="For example, 15 3 1984" value={parts('', '', '')} onChange={() => undefined} errors={{}} />);
    expect(html).not.toContain('error');
    expect(html).toContain('aria-describedby="field-patient-dateOfBirth-hint"');
  });
});
