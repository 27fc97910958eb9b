import { describeServiceEdge } from '@stepwell/service-host/testing';
import { AppModule } from './app.module';
import { loadOutcomesConfig } from './config';
import { OUTCOMES_HTTP } from './shared/http-options';

describeServiceEdge({
  name: 'outcomes',
  http: OUTCOMES_HTTP,
  module: (env) => AppModule.forRoot(loadOutcomesConfig(undefined, env)),
  eventStoreSchema: 'outcomes_events',
  tables: [
    'break_glass_grant', 'break_glass_queue_checkpoint', 'care_relationship', 'sharing_consent',
    'community_wellbeing_measure',
    'episode',
    'episode_appointment',
    'episode_attendance',
    'episode_outcome',
    'measure_score',
    'messaging_dead_letters',
    'messaging_inbox',
    'migrations',
    'projection_checkpoints',
    'risk_alert',
    'secondary_use_opt_outs',
  ],
});
