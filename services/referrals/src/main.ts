import { runService } from '@stepwell/service-host';
import { AppModule } from './app.module';
import { REFERRALS_DEFAULT_PORT, loadReferralsConfig } from './config';
import { REFERRALS_HTTP } from './shared/http-options';

void runService({
  http: REFERRALS_HTTP,
  defaultPort: REFERRALS_DEFAULT_PORT,
  config: (defaultPort) => loadReferralsConfig(defaultPort),
  module: (config) => AppModule.forRoot(config),
});
