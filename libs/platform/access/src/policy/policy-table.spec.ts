import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accessPolicyMarkdown } from './policy-table';

const README = join(__dirname, '..', '..', 'README.md');
const START = '<!-- access-policy-grants:start -->';
const END = '<!-- access-policy-grants:end -->';

/** The README's grant table is ACCESS_POLICY written out: change the code, then paste `accessPolicyMarkdown()` there. */
describe('the access policy in the README', () => {
  it('is exactly the table in code', () => {
    const text = readFileSync(README, 'utf8');
    const start = text.indexOf(START);
    const end = text.indexOf(END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(text.slice(start + START.length, end).trim()).toBe(accessPolicyMarkdown());
  });

  it('names every action of the table, including scheduling’s and outcomes’ owner rules', () => {
    const table = accessPolicyMarkdown();
    for (const action of ['episode.book', 'record.change', 'episode.record-outcome', 'referral.triage']) expect(table).toContain(`\`${action}\``);
  });
});
