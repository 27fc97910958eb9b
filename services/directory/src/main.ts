import { bootstrapService } from '@stepwell/http';
import { startServiceConsumers } from '@stepwell/messaging';
import { AppModule } from './app.module';
import { DIRECTORY_DEFAULT_PORT, loadDirectoryConfig } from './config';
import { DIRECTORY_HTTP } from './http-options';

void bootstrapService({
  ...DIRECTORY_HTTP,
  defaultPort: DIRECTORY_DEFAULT_PORT,
  config: (defaultPort) => loadDirectoryConfig(defaultPort),
  module: (config) => AppModule.forRoot(config),
  // Consumers of other services' topics start before the service listens (none when it consumes nothing).
  beforeListen: (app) => startServiceConsumers(app),
});
