import { NoLegitimateRelationshipError } from '../errors';
import type { Principal } from '../principal/principal';
import { aggregateOrganisation } from './aggregate-scope';

const principal = (organisationId: string, organisationType: Principal['organisationType']): Principal =>
  ({ userId: 'u-1', organisationId, organisationType, roles: ['ops'] }) as unknown as Principal;

describe('aggregateOrganisation', () => {
  it('gives a provider its own figures, by default and when it names itself', () => {
    expect(aggregateOrganisation(principal('RXT01', 'talking-therapies'))).toBe('RXT01');
    expect(aggregateOrganisation(principal('RXT01', 'talking-therapies'), 'RXT01')).toBe('RXT01');
  });

  it("refuses a provider another provider's figures", () => {
    expect(() => aggregateOrganisation(principal('RXT01', 'talking-therapies'), 'A81001')).toThrow(NoLegitimateRelationshipError);
    expect(() => aggregateOrganisation(principal('A81001', 'gp-practice'), 'RXT01')).toThrow(NoLegitimateRelationshipError);
  });

  it("lets a commissioner read any provider's figures", () => {
    expect(aggregateOrganisation(principal('QWE01', 'commissioner'), 'RXT01')).toBe('RXT01');
  });
});
