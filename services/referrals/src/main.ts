import { bootstrapService } from '@stepwell/http';
import { startServiceConsumers } from '@stepwell/messaging';
import { AppModule } from './app.module';
import { REFERRALS_DEFAULT_PORT, loadReferralsConfig } from './config';
import { REFERRALS_HTTP } from './http-options';

void bootstrapService({
  ...REFERRALS_HTTP,
  defaultPort: REFERRALS_DEFAULT_PORT,
  config: (defaultPort) => loadReferralsConfig(defaultPort),
  module: (config) => AppModule.forRoot(config),
  // Consumers of other services' topics start before the service listens (none when it consumes nothing).
  beforeListen: (app) => startServiceConsumers(app),
});
