import { describeServiceEdge } from '@stepwell/service-host/testing';
import { AppModule } from './app.module';
import { loadConsultationsConfig } from './config';
import { CONSULTATIONS_HTTP } from './shared/http-options';

describeServiceEdge({
  name: 'consultations',
  http: CONSULTATIONS_HTTP,
  module: (env) => AppModule.forRoot(loadConsultationsConfig(undefined, env)),
  eventStoreSchema: 'consultations_events',
  tables: ['break_glass_grant', 'break_glass_queue_checkpoint', 'care_relationship', 'consultations', 'messaging_dead_letters', 'messaging_inbox', 'migrations', 'offerings', 'projection_checkpoints'],
});
