import { SUMMARY_FIELDS } from '../policy/access-policy';
import { expectedView, runAccessMatrix, type MatrixCombination, type MatrixFixture, type MatrixRoute } from './access-matrix';

/** A provider of one episode reading the person's OTHER episode, with or without their consent to share. */
const fixture = (consentToShare: boolean): MatrixFixture => ({
  kind: 'provider-current',
  organisationType: 'talking-therapies',
  organisationId: 'RXT01',
  consentToShare,
  kindsOf: (id) => (id === 'e2' ? ['provider-other-episode'] : ['provider-current']),
  awaitingTriage: () => false,
  ids: { episode: { own: 'e1', other: 'e2' } },
});
const route: MatrixRoute = {
  name: 'GET /episodes/{id}',
  action: 'episode.read',
  method: 'get',
  targetIdKind: 'episode',
  targets: ['other'],
  path: (id) => `/episodes/${id}`,
  allowedStatus: 200,
  view: 'episode',
};
const combination = (consentToShare: boolean, breakGlass = false): MatrixCombination => ({
  fixture: fixture(consentToShare),
  role: 'clinician',
  route,
  target: 'other',
  breakGlass,
});
const content = [...SUMMARY_FIELDS.episode, 'waitingClock'];

describe('the access matrix view check (no consent to share)', () => {
  it('expects a summary of another episode without consent, content with it or by break-glass', () => {
    expect(expectedView(combination(false))).toBe('summary');
    expect(expectedView(combination(true))).toBe('full');
    expect(expectedView(combination(false, true))).toBe('full');
  });

  it('counts content shown without consent, and a summary where the table grants content, as wrong views', async () => {
    const run = (fields: readonly string[], consent: boolean) =>
      runAccessMatrix(
        [combination(consent)],
        async () => ({ status: 200, fields }),
        async (prefix) => new Map([[`${prefix}${'0'.padStart(12, '0')}`, ['PatientRecordAccessed']]]),
      );
    expect((await run(content, false)).wrongView).toBe(1);
    expect((await run(SUMMARY_FIELDS.episode, false)).wrongView).toBe(0);
    expect((await run(SUMMARY_FIELDS.episode, true)).wrongView).toBe(1);
    expect((await run(content, true)).wrongView).toBe(0);
  });
});
