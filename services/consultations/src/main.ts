import { runService, serviceClock } from '@stepwell/service-host';
import { AppModule } from './app.module';
import { CONSULTATIONS_DEFAULT_PORT, loadConsultationsConfig } from './config';
import { CONSULTATIONS_HTTP } from './shared/http-options';

void runService({
  http: CONSULTATIONS_HTTP,
  defaultPort: CONSULTATIONS_DEFAULT_PORT,
  config: (defaultPort) => loadConsultationsConfig(defaultPort),
  // Real time, or with TEST_CLOCK_FILE (never in production) real time plus the offset a test writes there.
  module: (config) => AppModule.forRoot(config, { clock: serviceClock(config) }),
});
