import { describeServiceEdge } from '@stepwell/service-host/testing';
import { AppModule } from './app.module';
import { loadDirectoryConfig } from './config';
import { DIRECTORY_HTTP } from './shared/http-options';

describeServiceEdge({
  name: 'directory',
  http: DIRECTORY_HTTP,
  module: (env) => AppModule.forRoot(loadDirectoryConfig(undefined, env)),
  eventStoreSchema: 'directory_events',
  tables: [
    'break_glass_grant',
    'break_glass_queue_checkpoint',
    'care_relationship', 'sharing_consent',
    'community_referrals',
    'listings',
    'locations',
    'messaging_dead_letters',
    'messaging_inbox',
    'migrations',
    'projection_checkpoints',
    'secondary_use_opt_outs',
    'service_at_locations',
    'services',
    'social_prescriptions',
  ],
});
