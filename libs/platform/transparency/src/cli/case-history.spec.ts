import { type SignedTreeHead, TreeHeadSigner } from '../heads/tree-head';
import type { WitnessAlert } from '../witness/head-witness';
import { countersign } from '../witness/witness';
import { checkWitnesses } from './case-history';

/**
 * The case history's cross-check with the witnesses (issue 19 item 3): a head counts as witnessed only by a
 * countersignature over exactly that head that verifies with the witness's published key; a witness's alert on the log
 * or another root of that size is named.
 */
describe('checkWitnesses', () => {
  const producer = TreeHeadSigner.ephemeral();
  const scheduling = TreeHeadSigner.ephemeral();
  const outcomes = TreeHeadSigner.ephemeral();
  const head = (rootHash: string): SignedTreeHead =>
    producer.sign({ version: 1, log: 'referrals', treeSize: 8, rootHash, timestamp: new Date(0).toISOString(), keyId: producer.keyId });
  const honest = head('a'.repeat(64));
  const witnesses = [
    { name: 'scheduling', url: 'http://scheduling' },
    { name: 'outcomes', url: 'http://outcomes' },
  ];

  /** A fake network: what each witness answers at GET /audit/log/witnessed, and the URLs asked. */
  function network(answers: Record<string, { items?: Array<{ head: SignedTreeHead; by: TreeHeadSigner; as?: string }>; alerts?: WitnessAlert[]; status?: number }>) {
    const asked: string[] = [];
    const fetcher = (async (url: string) => {
      asked.push(url);
      const host = new URL(url).host;
      const answer = answers[host] ?? {};
      const signer = host === 'scheduling' ? scheduling : outcomes;
      const body = {
        items: (answer.items ?? []).map((item) => ({ head: item.head, countersignature: countersign(item.head, item.as ?? host, item.by), witnessedAt: new Date(0).toISOString() })),
        witness: host,
        witnessKeys: [signer.publicKey],
        alerts: answer.alerts ?? [],
      };
      return new Response(JSON.stringify(answer.status ? { title: 'Forbidden' } : body), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
    }) as unknown as typeof fetch;
    return { fetcher, asked };
  }

  it('counts a countersignature over exactly the head, asking each witness for that log and size with the token', async () => {
    const { fetcher, asked } = network({ scheduling: { items: [{ head: honest, by: scheduling }] }, outcomes: { items: [{ head: honest, by: outcomes }] } });
    expect(await checkWitnesses(fetcher, honest, [producer.publicKey], witnesses, 't')).toEqual({ witnessedBy: ['scheduling', 'outcomes'], problems: [] });
    expect(asked).toEqual(['http://scheduling/audit/log/witnessed?log=referrals&treeSize=8', 'http://outcomes/audit/log/witnessed?log=referrals&treeSize=8']);
  });

  it('does not count a countersignature by another key, in another witness’s name, or none at all', async () => {
    const { fetcher } = network({ scheduling: { items: [{ head: honest, by: outcomes }] }, outcomes: { items: [{ head: honest, by: outcomes, as: 'scheduling' }] } });
    expect(await checkWitnesses(fetcher, honest, [producer.publicKey], witnesses, 't')).toEqual({ witnessedBy: [], problems: [] });
    expect(await checkWitnesses(network({}).fetcher, honest, [producer.publicKey], witnesses, 't')).toEqual({ witnessedBy: [], problems: [] });
  });

  it('names a split view (another root of that size held by a witness), a witness alert on the log, and a witness that did not answer', async () => {
    const forked = head('f'.repeat(64));
    const alert: WitnessAlert = { log: 'referrals', reason: 'split-view', treeSize: 8, rootHash: forked.rootHash, keyId: producer.keyId, heldTreeSize: 8, heldRootHash: honest.rootHash, raisedAt: new Date(0).toISOString() };
    const { fetcher } = network({ scheduling: { items: [{ head: forked, by: scheduling }], alerts: [alert] }, outcomes: { status: 403 } });
    expect(await checkWitnesses(fetcher, honest, [producer.publicKey], witnesses, 't')).toEqual({
      witnessedBy: [],
      problems: [
        'witness scheduling holds another root for the referrals head of size 8 (split view)',
        'witness scheduling raised split-view on the referrals log (head of size 8)',
        'witness outcomes did not answer (403 Forbidden)',
      ],
    });
  });
});
