// The public surface of @stepwell/read-models: only what code outside the library uses.
export { CreateProjectionCheckpoints1763700000000 } from './create-projection-checkpoints.migration';
export { ProjectionCheckpoint } from './projection-checkpoint.entity';
export { projectionRunnerProvider } from './projections/nest-projection-runner';
export {
  type CatchUpOptions,
  type CatchUpProgress,
  ProjectionRunner,
  ReadModelsStuckError,
  type RebuildResult,
  UnknownProjectionError,
} from './projections/projection-runner';
export { type Projection, type Reactor } from './projections/projection';
export { migrateReadModels, openReadModelDataSource, type ReadModelDataSourceOptions } from './read-model-data-source';
export { qualifiedTable, quotedSchema, readModelSchema, schemaOf, type SchemaSource } from './read-model-schema';
export { ReadModelHealthIndicator } from './read-model-health.indicator';
export { ReadModelsModule } from './read-models.module';
export { type Leadership } from './leadership/leader-election';
export { LeadershipModule, SERVICE_LEADERSHIP } from './leadership/leadership.module';
export { type CheckClock, ScheduledCheck } from './scheduled-check';
