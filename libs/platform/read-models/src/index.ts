export * from './read-model-data-source';
export * from './read-model-health.indicator';
export * from './read-models.module';
export * from './projection-checkpoint.entity';
export * from './create-projection-checkpoints.migration';
export { type EventSelector, type Projection, type Reactor, selects } from './projections/projection';
export { ProjectionRunner, UnknownProjectionError, type ProjectionRunnerOptions, type RebuildResult } from './projections/projection-runner';
export { NestProjectionRunner, projectionRunnerProvider, type ProjectionRunnerProviderOptions } from './projections/nest-projection-runner';
