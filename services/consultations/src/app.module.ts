import { type DynamicModule, Module } from '@nestjs/common';
import { HealthModule } from '@stepwell/http';
import { ReadModelHealthIndicator, ReadModelsModule } from '@stepwell/read-models';
import type { ConsultationsConfig } from './config';
import { consultationsReadModels } from './read-models/read-models';

@Module({})
export class AppModule {
  static forRoot(config: ConsultationsConfig): DynamicModule {
    const readModels = ReadModelsModule.forRoot(consultationsReadModels(config));
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
