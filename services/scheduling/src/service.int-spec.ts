import { describeServiceEdge } from '@stepwell/service-host/testing';
import { AppModule } from './app.module';
import { loadSchedulingConfig } from './config';
import { SCHEDULING_HTTP } from './shared/http-options';

describeServiceEdge({
  name: 'scheduling',
  http: SCHEDULING_HTTP,
  module: (env) => AppModule.forRoot(loadSchedulingConfig(undefined, env)),
  eventStoreSchema: 'scheduling_events',
  tables: [
    'appointments',
    'break_glass_grant', 'break_glass_queue_checkpoint', 'care_relationship', 'sharing_consent',
    'clinicians',
    'engagement_reviews',
    'follow_up_tasks',
    'messaging_dead_letters',
    'messaging_inbox',
    'migrations',
    'notifications',
    'projection_checkpoints',
    'referral_intake',
    'refill_offers',
    'secondary_use_opt_outs',
    'slots',
    'waiting_list',
  ],
});
