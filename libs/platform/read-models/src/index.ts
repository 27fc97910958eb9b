export * from './read-model-data-source';
export * from './read-model-health.indicator';
export * from './read-models.module';
export * from './projection-checkpoint.entity';
export * from './create-projection-checkpoints.migration';
