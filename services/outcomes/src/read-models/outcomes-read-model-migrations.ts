import { CreateOutcomesReadModels1763800000000 } from './migrations/1763800000000-create-outcomes-read-models.migration';
import { TalkingTherapiesCourse1764650000001 } from './migrations/1764650000001-talking-therapies-course.migration';
import { MeasureScoreCompletedAndConverted1764650000000 } from './migrations/1764650000000-measure-score-completed-and-converted.migration';

/** The outcomes service's own read-model migrations, listed after the platform ones in read-models.ts. */
export const OUTCOMES_OWN_MIGRATIONS = [CreateOutcomesReadModels1763800000000, MeasureScoreCompletedAndConverted1764650000000, TalkingTherapiesCourse1764650000001];
