import { generateKeyPairSync } from 'node:crypto';
import { contractRegistry, validateIntegrationEvent } from '../../registry';
import { TRANSPARENCY_LOGS } from './tree-head-signed.contract';

const publicKey = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
const data = {
  log: 'scheduling',
  treeSize: 12,
  rootHash: 'ab'.repeat(32),
  timestamp: '2026-12-03T05:00:00.000Z',
  keyId: 'cd'.repeat(16),
  signature: Buffer.alloc(64, 7).toString('base64'),
  publicKey,
  fromSize: 5,
  consistencyProof: ['ef'.repeat(32), '01'.repeat(32)],
};

describe('<producer>.tree-head-signed v1 (one definition, every producer)', () => {
  it('is registered once per producer, on its own topic', () => {
    for (const producer of TRANSPARENCY_LOGS) expect(contractRegistry.find(`${producer}.tree-head-signed`, 1)?.producer).toBe(producer);
  });

  it('accepts a head with its key and proof', () => {
    expect(validateIntegrationEvent({ type: 'scheduling.tree-head-signed', version: 1, data })).toEqual({ ok: true });
  });

  it.each<[string, Record<string, unknown>]>([
    ['a root that is not a hex hash', { rootHash: 'zz' }],
    ['a proof entry that is not a hex hash', { consistencyProof: ['nope'] }],
    ['a private key where the public key goes', { publicKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' }],
    ['an empty tree', { treeSize: 0 }],
    ['an unknown log', { log: 'elsewhere' }],
    ['a property outside the contract', { patientId: 'p-1' }],
  ])('refuses %s', (_case, change) => {
    expect(validateIntegrationEvent({ type: 'scheduling.tree-head-signed', version: 1, data: { ...data, ...change } }).ok).toBe(false);
  });
});
