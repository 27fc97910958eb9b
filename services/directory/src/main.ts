import { runService } from '@stepwell/service-host';
import { AppModule } from './app.module';
import { DIRECTORY_DEFAULT_PORT, loadDirectoryConfig } from './config';
import { DIRECTORY_HTTP } from './shared/http-options';

void runService({
  http: DIRECTORY_HTTP,
  defaultPort: DIRECTORY_DEFAULT_PORT,
  config: (defaultPort) => loadDirectoryConfig(defaultPort),
  module: (config) => AppModule.forRoot(config),
});
