import { ACCESS_POLICY, SHARING_CONSENT_KINDS, type RelationshipKind } from './access-policy';
import { withoutWithdrawnSharing } from './relationship-kinds';

describe('a withdrawal of consent to share (issue 15 item 5)', () => {
  it('drops exactly the kinds resting on sharing and keeps the organisation actively treating, the receiving one and record holders', () => {
    const all = new Set(Object.keys(ACCESS_POLICY) as RelationshipKind[]);
    const left = withoutWithdrawnSharing(all, true);
    for (const kind of SHARING_CONSENT_KINDS) expect(left.has(kind)).toBe(false);
    for (const kind of ['provider-current', 'receiving', 'record-holder', 'provider-expired'] as const) expect(left.has(kind)).toBe(true);
    expect(withoutWithdrawnSharing(all, false)).toEqual(all);
  });
});
