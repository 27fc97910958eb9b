import { bootstrapService } from '@stepwell/http';
import { startServiceConsumers } from '@stepwell/messaging';
import { AppModule } from './app.module';
import { OUTCOMES_DEFAULT_PORT, loadOutcomesConfig } from './config';
import { OUTCOMES_HTTP } from './http-options';

void bootstrapService({
  ...OUTCOMES_HTTP,
  defaultPort: OUTCOMES_DEFAULT_PORT,
  config: (defaultPort) => loadOutcomesConfig(defaultPort),
  module: (config) => AppModule.forRoot(config),
  // Consumers of other services' topics start before the service listens (none when it consumes nothing).
  beforeListen: (app) => startServiceConsumers(app),
});
