import { generateKeyPairSync } from 'node:crypto';
import { keyIdOf, parseSigningKey, type SignedTreeHead, signedTreeHeadBytes, TreeHeadSigner, verifyTreeHeadSignature } from './tree-head';

const unsigned = (signer: TreeHeadSigner) => ({
  version: 1 as const,
  log: 'referrals',
  treeSize: 42,
  rootHash: 'ab'.repeat(32),
  timestamp: '2026-01-01T00:00:00.000Z',
  keyId: signer.keyId,
});

describe('signed tree heads (Ed25519)', () => {
  const signer = TreeHeadSigner.ephemeral();
  const head = signer.sign(unsigned(signer));

  it('verifies with the public key its id names, and the id follows from the key', () => {
    expect(verifyTreeHeadSignature(head, [signer.publicKey])).toBe(true);
    expect(signer.keyId).toMatch(/^[0-9a-f]{32}$/);
  });

  it.each<[string, (h: SignedTreeHead) => SignedTreeHead]>([
    ['size', (h) => ({ ...h, treeSize: 43 })],
    ['root', (h) => ({ ...h, rootHash: 'cd'.repeat(32) })],
    ['timestamp', (h) => ({ ...h, timestamp: '2026-01-01T00:00:01.000Z' })],
    ['log', (h) => ({ ...h, log: 'outcomes' })],
    ['signature', (h) => ({ ...h, signature: Buffer.from(Buffer.from(h.signature, 'base64').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64') })],
  ])('fails once its %s is changed', (_field, change) => {
    expect(verifyTreeHeadSignature(change(head), [signer.publicKey])).toBe(false);
  });

  it('fails with another key, with a key filed under the wrong id, and with no key', () => {
    const other = TreeHeadSigner.ephemeral();
    expect(verifyTreeHeadSignature(head, [other.publicKey])).toBe(false);
    expect(verifyTreeHeadSignature(head, [{ ...other.publicKey, keyId: signer.keyId }])).toBe(false);
    expect(verifyTreeHeadSignature(head, [])).toBe(false);
  });

  it('keeps old heads verifiable after a rotation: each head names its own key', () => {
    const next = TreeHeadSigner.ephemeral();
    const later = next.sign(unsigned(next));
    const keys = [signer.publicKey, next.publicKey];
    expect(verifyTreeHeadSignature(head, keys) && verifyTreeHeadSignature(later, keys)).toBe(true);
  });

  it('signs canonical bytes: field order does not matter', () => {
    const fields = unsigned(signer);
    const reordered = { keyId: fields.keyId, timestamp: fields.timestamp, treeSize: 42, rootHash: fields.rootHash, log: 'referrals', version: 1 as const };
    expect(signedTreeHeadBytes(reordered).equals(signedTreeHeadBytes(fields))).toBe(true);
  });

  it('reads AUDIT_SIGNING_KEY as PEM, base64 of the PEM or base64 of the DER, to the same key id', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    for (const value of [pem, Buffer.from(pem).toString('base64'), der.toString('base64')]) {
      expect(keyIdOf(publicKey)).toBe(TreeHeadSigner.fromConfigured(value).keyId);
    }
  });

  it('refuses another key type or garbage without quoting the value', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => parseSigningKey(rsa)).toThrow('must be an Ed25519 private key (another key type was given)');
    expect(() => parseSigningKey('secret-value-123')).toThrow(/^must be an Ed25519 private key: PKCS#8 PEM/);
    try {
      parseSigningKey('secret-value-123');
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-value-123');
    }
  });
});
