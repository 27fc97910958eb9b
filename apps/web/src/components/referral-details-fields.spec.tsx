import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EMPTY_REFERRAL, REFERRAL_FIELDS } from '../lib/consultation-forms';
import { fieldId } from '../lib/problems';
import { ReferralDetailsFields } from './referral-details-fields';

describe('the referral details of a referral outcome or MDT decision', () => {
  const render = (intake: boolean) => renderToStaticMarkup(<ReferralDetailsFields state={EMPTY_REFERRAL} onChange={() => undefined} errors={{}} intake={intake} />);

  it('has an element with the id the error summary links to for every referral field the forms claim', () => {
    const html = render(true);
    for (const field of REFERRAL_FIELDS) expect(html).toContain(`id="${fieldId(field)}"`);
  });

  it('leaves every risk answer and the consent unanswered, and asks only where and how urgently without the intake', () => {
    expect(render(true)).not.toContain('checked');
    const short = render(false);
    expect(short).toContain(`id="${fieldId('referral.receivingOrganisation')}"`);
    expect(short).not.toContain(fieldId('referral.riskIndicators.selfHarm'));
    expect(short).not.toContain(fieldId('referral.consent.personConsented'));
  });
});
