import { type DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@stepwell/http';
import { ReadModelHealthIndicator, ReadModelsModule } from '@stepwell/read-models';
import type { SchedulingConfig } from './config';
import { schedulingReadModels } from './read-models/read-models';

@Module({})
export class AppModule {
  static forRoot(config: SchedulingConfig): DynamicModule {
    const readModels = ReadModelsModule.forRoot(schedulingReadModels(config));
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
