import { describeServiceEdge } from '@stepwell/service-host/testing';
import { AppModule } from './app.module';
import { loadReferralsConfig } from './config';
import { REFERRALS_HTTP } from './http-options';

describeServiceEdge({
  name: 'referrals',
  http: REFERRALS_HTTP,
  module: (env) => AppModule.forRoot(loadReferralsConfig(undefined, env)),
  eventStoreSchema: 'referrals_events',
  tables: ['care_relationship', 'messaging_dead_letters', 'messaging_inbox', 'migrations', 'projection_checkpoints'],
  // Referrals publishes its events: readiness and /metrics report how far the relay is behind its log.
  messagingReadiness: { relay: { eventsBehind: expect.any(Number), secondsBehind: expect.any(Number) } },
  metricLines: [
    /^stepwell_relay_events_behind\{subscription="referrals\.relay"\} \d+$/m,
    /^stepwell_relay_seconds_behind\{subscription="referrals\.relay"\} [\d.]+$/m,
  ],
  documentedPaths: ['/referrals', '/referrals/{id}', '/referrals/{id}/withdraw'],
});
