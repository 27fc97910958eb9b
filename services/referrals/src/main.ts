import { runService, serviceClock } from '@stepwell/service-host';
import { AppModule } from './app.module';
import { REFERRALS_DEFAULT_PORT, loadReferralsConfig } from './config';
import { REFERRALS_HTTP } from './shared/http-options';

void runService({
  http: REFERRALS_HTTP,
  defaultPort: REFERRALS_DEFAULT_PORT,
  config: (defaultPort) => loadReferralsConfig(defaultPort),
  // Real time, or with TEST_CLOCK_FILE (never in production) real time plus the offset a test writes there.
  module: (config) => AppModule.forRoot(config, { clock: serviceClock(config) }),
});
