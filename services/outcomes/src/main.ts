import { runService } from '@stepwell/service-host';
import { AppModule } from './app.module';
import { OUTCOMES_DEFAULT_PORT, loadOutcomesConfig } from './config';
import { OUTCOMES_HTTP } from './shared/http-options';

void runService({
  http: OUTCOMES_HTTP,
  defaultPort: OUTCOMES_DEFAULT_PORT,
  config: (defaultPort) => loadOutcomesConfig(defaultPort),
  module: (config) => AppModule.forRoot(config),
});
