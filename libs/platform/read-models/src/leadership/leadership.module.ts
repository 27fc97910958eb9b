import { type DynamicModule, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LeaderElection, type LeaderElectionOptions } from './leader-election';

/**
 * The service's `Leadership` (a `LeaderElection`): inject it with `@Inject(SERVICE_LEADERSHIP)`, optionally, in
 * whatever must run on one instance at a time. Without the module (a test's bare module) there is no election and
 * that work runs wherever it is started, as before.
 */
export const SERVICE_LEADERSHIP = Symbol('SERVICE_LEADERSHIP');

@Injectable()
class LeaderElectionCloser implements OnApplicationShutdown {
  constructor(@Inject(SERVICE_LEADERSHIP) private readonly election: LeaderElection) {}

  /** After the work it guards has stopped (their hooks run before): unlocks, so a follower takes over at once. */
  async onApplicationShutdown(): Promise<void> {
    await this.election.stop();
  }
}

/**
 * One leader election per service process, global: the first attempt is made while the module is built, so when
 * the application bootstraps every part knows whether it leads.
 */
@Module({})
export class LeadershipModule {
  static forRoot(options: Omit<LeaderElectionOptions, 'log'>): DynamicModule {
    return {
      module: LeadershipModule,
      global: true,
      providers: [
        {
          provide: SERVICE_LEADERSHIP,
          useFactory: async () => {
            const logger = new Logger('LeaderElection');
            const election = new LeaderElection({ ...options, log: (message) => logger.log(message) });
            await election.start();
            return election;
          },
        },
        LeaderElectionCloser,
      ],
      exports: [SERVICE_LEADERSHIP],
    };
  }
}
