import { runService, serviceClock } from '@stepwell/service-host';
import { AppModule } from './app.module';
import { SCHEDULING_DEFAULT_PORT, loadSchedulingConfig } from './config';
import { SCHEDULING_HTTP } from './shared/http-options';

void runService({
  http: SCHEDULING_HTTP,
  defaultPort: SCHEDULING_DEFAULT_PORT,
  config: (defaultPort) => loadSchedulingConfig(defaultPort),
  // Real time, or with TEST_CLOCK_FILE (never in production) real time plus the offset a test writes there.
  module: (config) => AppModule.forRoot(config, { clock: serviceClock(config) }),
});
