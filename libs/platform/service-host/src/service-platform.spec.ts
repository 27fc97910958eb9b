import type { ServiceMessagingOptions } from './messaging/service-messaging.options';
import { withWitnessedLogs } from './service-platform';

const messaging = (service: string, consumes: string[]): ServiceMessagingOptions => ({ service, databaseUrl: 'postgres://x', partitions: 1, consumes, imports: [] });

describe('every service witnesses the other services’ transparency logs (issue 19 point 2)', () => {
  it('reads, as a witness only, the topics of the producers it does not consume; never its own', () => {
    expect(withWitnessedLogs(messaging('directory', ['referrals'])).witnesses).toEqual(['scheduling', 'consultations', 'outcomes']);
    expect(withWitnessedLogs(messaging('referrals', ['scheduling', 'consultations', 'directory'])).witnesses).toEqual(['outcomes']);
    expect(withWitnessedLogs(messaging('scheduling', ['referrals'])).consumes).toEqual(['referrals']);
  });

  it('leaves a service that is not one of the five producers as it is', () => {
    expect(withWitnessedLogs(messaging('tlog', []))).toEqual(messaging('tlog', []));
  });
});
