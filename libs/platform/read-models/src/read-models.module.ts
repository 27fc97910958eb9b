import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { openReadModelDataSource, type ReadModelDataSourceOptions } from './read-model-data-source';
import { ReadModelHealthIndicator } from './read-model-health.indicator';

@Injectable()
class ReadModelDataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The service's read-model database for Nest: provides the migrated `DataSource` (inject it by its class) and
 * `ReadModelHealthIndicator` for `/ready`; closes the pool on shutdown.
 */
@Module({})
export class ReadModelsModule {
  static forRoot(options: ReadModelDataSourceOptions): DynamicModule {
    return {
      module: ReadModelsModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      providers: [
        { provide: DataSource, useFactory: () => openReadModelDataSource(options) },
        ReadModelDataSourceCloser,
        ReadModelHealthIndicator,
      ],
      exports: [DataSource, ReadModelHealthIndicator],
    };
  }
}
