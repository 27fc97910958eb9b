import { runService } from '@stepwell/service-host';
import { AppModule } from './app.module';
import { SCHEDULING_DEFAULT_PORT, loadSchedulingConfig } from './config';
import { SCHEDULING_HTTP } from './http-options';

void runService({
  http: SCHEDULING_HTTP,
  defaultPort: SCHEDULING_DEFAULT_PORT,
  config: (defaultPort) => loadSchedulingConfig(defaultPort),
  module: (config) => AppModule.forRoot(config),
});
