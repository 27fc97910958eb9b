import { bootstrapService } from '@stepwell/http';
import { startServiceConsumers } from '@stepwell/messaging';
import { AppModule } from './app.module';
import { CONSULTATIONS_DEFAULT_PORT, loadConsultationsConfig } from './config';
import { CONSULTATIONS_HTTP } from './http-options';

void bootstrapService({
  ...CONSULTATIONS_HTTP,
  defaultPort: CONSULTATIONS_DEFAULT_PORT,
  config: (defaultPort) => loadConsultationsConfig(defaultPort),
  module: (config) => AppModule.forRoot(config),
  // Consumers of other services' topics start before the service listens (none when it consumes nothing).
  beforeListen: (app) => startServiceConsumers(app),
});
