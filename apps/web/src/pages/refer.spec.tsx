import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { fieldId } from '../lib/problems';
import { REFER_FORM_FIELDS, ReferPage } from './refer';

describe('the referral form', () => {
  it('has an element with the id the error summary links to for every field it claims', () => {
    Object.assign(globalThis, { window: { sessionStorage: { getItem: () => null } } });
    const html = renderToStaticMarkup(<ReferPage who={{ key: 'gp', user: 'u', name: 'Dr', org: 'DEMGP1', orgType: 'gp-practice', roles: ['referrer'] }} />);
    for (const field of REFER_FORM_FIELDS) expect(html).toContain(`id="${fieldId(field)}"`);
  });
});
