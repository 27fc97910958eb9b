import { deterministicUuid } from './deterministic-uuid';

describe('deterministicUuid', () => {
  it('matches the RFC version-5 example for www.example.com in the DNS namespace', () => {
    expect(deterministicUuid('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('gives the same id for the same name and different ids for different names', () => {
    expect(deterministicUuid('referral-1/key-a/0')).toBe(deterministicUuid('referral-1/key-a/0'));
    expect(deterministicUuid('referral-1/key-a/0')).not.toBe(deterministicUuid('referral-1/key-a/1'));
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => deterministicUuid('x', 'not-a-uuid')).toThrow('Invalid namespace UUID');
  });
});
