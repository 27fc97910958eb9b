import { describeServiceEdge } from '@stepwell/service-host/testing';
import { AppModule } from './app.module';
import { loadSchedulingConfig } from './config';
import { SCHEDULING_HTTP } from './http-options';

describeServiceEdge({
  name: 'scheduling',
  http: SCHEDULING_HTTP,
  module: (env) => AppModule.forRoot(loadSchedulingConfig(undefined, env)),
  eventStoreSchema: 'scheduling_events',
  tables: ['care_relationship', 'messaging_dead_letters', 'messaging_inbox', 'migrations', 'projection_checkpoints', 'referral_intake'],
});
