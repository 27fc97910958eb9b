import { bootstrapService } from '@stepwell/http';
import { AppModule } from './app.module';
import { DIRECTORY_DEFAULT_PORT, loadDirectoryConfig } from './config';
import { DIRECTORY_HTTP } from './http-options';

void bootstrapService({
  ...DIRECTORY_HTTP,
  defaultPort: DIRECTORY_DEFAULT_PORT,
  config: (defaultPort) => loadDirectoryConfig(defaultPort),
  module: (config) => AppModule.forRoot(config),
});
