import { type DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@stepwell/http';
import { ReadModelHealthIndicator, ReadModelsModule } from '@stepwell/read-models';
import type { DirectoryConfig } from './config';
import { directoryReadModels } from './read-models/read-models';

@Module({})
export class AppModule {
  static forRoot(config: DirectoryConfig): DynamicModule {
    const readModels = ReadModelsModule.forRoot(directoryReadModels(config));
    return {
      module: AppModule,
      imports: [
        readModels,
        HealthModule.forRoot({
          imports: [readModels],
          inject: [ReadModelHealthIndicator],
          readiness: (database: ReadModelHealthIndicator) => [() => database.pingCheck('database')],
        }),
      ],
    };
  }
}
