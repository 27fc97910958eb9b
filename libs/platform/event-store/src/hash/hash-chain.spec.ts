import type * as nodeCrypto from 'node:crypto';
import { canonicalJson } from './canonical-json';
import { GENESIS_HASH, chainBodyParts, chainHash, type ChainedContent } from './hash-chain';
import { verifyLinks, type StoredLink } from './verify-chain';

const metadata = {
  occurredAt: '2026-11-21T09:00:00.000Z',
  correlationId: 'corr-1',
  causationId: null,
  actor: { userId: 'u1', organisationId: 'A81001', role: 'clinician' },
  schemaVersion: 1,
};

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('renders the same value the same way whatever the key order it was built in', () => {
    expect(canonicalJson({ x: 1, y: { p: true, q: null } })).toBe(canonicalJson({ y: { q: null, p: true }, x: 1 }));
  });

  it('drops undefined properties as the stored JSON does, and uses toJSON', () => {
    expect(canonicalJson({ a: undefined, b: new Date('2026-01-02T03:04:05.000Z') })).toBe('{"b":"2026-01-02T03:04:05.000Z"}');
  });

  it('escapes strings as JSON and keeps non-ASCII text', () => {
    expect(canonicalJson({ note: 'line\n"quoted" – café' })).toBe('{"note":"line\\n\\"quoted\\" – café"}');
  });

  it('refuses a value with no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('chainHash', () => {
  const event: ChainedContent = { id: 'e1', streamId: 'referral-1', revision: 0, type: 'ReferralReceived', data: { a: 1 }, metadata };

  it('is a sha256 hex digest that depends on the previous hash', () => {
    const first = chainHash(GENESIS_HASH, event);
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash(first, event)).not.toBe(first);
  });

  it('changes when any covered field changes, and not with key order', () => {
    const base = chainHash(GENESIS_HASH, event);
    expect(chainHash(GENESIS_HASH, { ...event, revision: 1 })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...event, streamId: 'referral-2' })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...event, type: 'Other' })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...event, data: { a: 2 } })).not.toBe(base);
    expect(chainHash(GENESIS_HASH, { ...event, metadata: { ...metadata, correlationId: 'corr-2' } })).not.toBe(base);
    const reordered = { schemaVersion: 1, causationId: null, actor: { role: 'clinician', organisationId: 'A81001', userId: 'u1' }, correlationId: 'corr-1', occurredAt: metadata.occurredAt };
    expect(chainHash(GENESIS_HASH, { ...event, data: { a: 1 }, metadata: reordered })).toBe(base);
  });

  it('matches a digest computed by hand', () => {
    const { createHash } = jest.requireActual<typeof nodeCrypto>('node:crypto');
    const body =
      '{"data":{"a":1},"id":"e1","metadata":{"actor":{"organisationId":"A81001","role":"clinician","userId":"u1"},"causationId":null,' +
      '"correlationId":"corr-1","occurredAt":"2026-11-21T09:00:00.000Z","schemaVersion":1},"revision":0,"stream":"referral-1","type":"ReferralReceived"}';
    expect(chainHash('prev', event)).toBe(createHash('sha256').update(`prev${body}`).digest('hex'));
  });
});

describe('verifyLinks', () => {
  function chain(count: number): StoredLink[] {
    let previous = GENESIS_HASH;
    return Array.from({ length: count }, (_, revision) => {
      const content = { id: `e${revision}`, streamId: 's-1', revision, type: 'T', data: { n: revision }, metadata };
      const hash = chainHash(previous, content);
      const link = { ...content, hash, previousHash: previous };
      previous = hash;
      return link;
    });
  }

  it('accepts an intact chain', () => {
    const links = chain(4);
    expect(verifyLinks('s-1', links, { revision: 3, hash: links[3]!.hash })).toBeNull();
  });

  it('reports altered data at its revision', () => {
    const links = chain(4);
    links[2] = { ...links[2]!, data: { n: 99 } };
    expect(verifyLinks('s-1', links, null)).toMatchObject({ revision: 2, reason: 'altered', eventId: 'e2' });
  });

  it('reports a re-hashed forgery at the next link', () => {
    const links = chain(3);
    const forged = { ...links[1]!, data: { n: 99 } };
    links[1] = { ...forged, hash: chainHash(links[0]!.hash, forged) };
    expect(verifyLinks('s-1', links, null)).toMatchObject({ revision: 2, reason: 'altered' });
  });

  it('reports a missing middle event and a missing tail as removed', () => {
    const links = chain(4);
    expect(verifyLinks('s-1', [links[0]!, links[2]!, links[3]!], null)).toMatchObject({ revision: 1, reason: 'removed' });
    expect(verifyLinks('s-1', links.slice(0, 3), { revision: 3, hash: links[3]!.hash })).toMatchObject({ revision: 3, reason: 'removed' });
  });

  it('reports swapped events as reordered', () => {
    const links = chain(4);
    const swapped = [links[0]!, { ...links[2]!, revision: 1 }, { ...links[1]!, revision: 2 }, links[3]!];
    expect(verifyLinks('s-1', swapped, null)).toMatchObject({ revision: 1, reason: 'reordered', eventId: 'e2' });
  });
});

describe('chainBodyParts', () => {
  it('splits exactly the canonical JSON of the whole event around its revision', () => {
    const event = { id: 'e1', streamId: 'referral-"1"', type: 'T', data: { z: [1, { b: 2, a: 'é' }] }, metadata };
    const { prefix, suffix } = chainBodyParts(event);
    expect(`${prefix}41${suffix}`).toBe(canonicalJson({ ...event, stream: event.streamId, streamId: undefined, revision: 41 }));
  });
});
