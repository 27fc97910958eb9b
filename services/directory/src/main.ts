import { runService, serviceClock } from '@stepwell/service-host';
import { AppModule } from './app.module';
import { DIRECTORY_DEFAULT_PORT, loadDirectoryConfig } from './config';
import { DIRECTORY_HTTP } from './shared/http-options';

void runService({
  http: DIRECTORY_HTTP,
  defaultPort: DIRECTORY_DEFAULT_PORT,
  config: (defaultPort) => loadDirectoryConfig(defaultPort),
  // Real time, or with TEST_CLOCK_FILE (never in production) real time plus the offset a test or the demo writes there.
  module: (config) => AppModule.forRoot(config, { clock: serviceClock(config) }),
});
