import { sameFacts } from './same-facts';

describe('sameFacts', () => {
  it('treats objects with the same fields in another key order as the same, as jsonb returns them', () => {
    expect(sameFacts({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toBe(true);
  });

  it('tells apart different values, array orders and missing fields', () => {
    expect(sameFacts({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameFacts([1, 2], [2, 1])).toBe(false);
    expect(sameFacts({ a: 1, b: 2 }, { a: 1 })).toBe(false);
  });

  it('ignores fields that are undefined, which JSON storage drops', () => {
    expect(sameFacts({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });
});
