import { bootstrapService } from '@stepwell/http';
import { startServiceConsumers } from '@stepwell/messaging';
import { AppModule } from './app.module';
import { SCHEDULING_DEFAULT_PORT, loadSchedulingConfig } from './config';
import { SCHEDULING_HTTP } from './http-options';

void bootstrapService({
  ...SCHEDULING_HTTP,
  defaultPort: SCHEDULING_DEFAULT_PORT,
  config: (defaultPort) => loadSchedulingConfig(defaultPort),
  module: (config) => AppModule.forRoot(config),
  // Consumers of other services' topics start before the service listens (none when it consumes nothing).
  beforeListen: (app) => startServiceConsumers(app),
});
