import { CLOCK } from '@stepwell/http';
import { runService, serviceClock } from '@stepwell/service-host';
import { AppModule } from './app.module';
import { OUTCOMES_DEFAULT_PORT, loadOutcomesConfig } from './config';
import { OUTCOMES_HTTP } from './shared/http-options';

void runService({
  http: OUTCOMES_HTTP,
  defaultPort: OUTCOMES_DEFAULT_PORT,
  config: (defaultPort) => loadOutcomesConfig(defaultPort),
  // Real time, or with TEST_CLOCK_FILE (never in production) real time plus the offset a test or the demo writes there.
  module: (config) => AppModule.forRoot(config, [{ provide: CLOCK, useValue: serviceClock(config) }]),
});
