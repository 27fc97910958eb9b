import { describeServiceEdge } from '@stepwell/service-host/testing';
import { AppModule } from './app.module';
import { loadConsultationsConfig } from './config';
import { CONSULTATIONS_HTTP } from './shared/http-options';

describeServiceEdge({
  name: 'consultations',
  http: CONSULTATIONS_HTTP,
  module: (env) => AppModule.forRoot(loadConsultationsConfig(undefined, env)),
  eventStoreSchema: 'consultations_events',
  tables: [
    'break_glass_grant',
    'break_glass_queue_checkpoint',
    'care_relationship', 'sharing_consent',
    'consultation_offers',
    'consultations',
    'episode_measures',
    'known_episodes',
    'messaging_dead_letters',
    'messaging_inbox',
    'mdt_actions',
    'mdt_cases',
    'mdt_meetings',
    'migrations',
    'offer_triggers_awaiting_episode',
    'offerings',
    'projection_checkpoints',
    'referrals_not_counted',
    'referrals_received',
    'registered_organisations',
    'secondary_use_opt_outs',
  ],
});
