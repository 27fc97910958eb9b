import { CreateSecondaryUseOptOuts1765000000000 } from '@stepwell/personal-data';
import { CreateOutcomesReadModels1763800000000 } from './migrations/1763800000000-create-outcomes-read-models.migration';
import { RiskAddressingAndRecordedVersions1764900000000 } from './migrations/1764900000000-risk-addressing-and-recorded-versions.migration';
import { TalkingTherapiesCourse1764650000001 } from './migrations/1764650000001-talking-therapies-course.migration';
import { MeasureScoreCompletedAndConverted1764650000000 } from './migrations/1764650000000-measure-score-completed-and-converted.migration';
import { CreateCommunityWellbeingMeasure1765400000172 } from './migrations/1765400000172-create-community-wellbeing-measure.migration';

/** The outcomes service's own read-model migrations, listed after the platform ones in read-models.ts. */
export const OUTCOMES_OWN_MIGRATIONS = [
  CreateOutcomesReadModels1763800000000,
  MeasureScoreCompletedAndConverted1764650000000,
  TalkingTherapiesCourse1764650000001,
  RiskAddressingAndRecordedVersions1764900000000,
  // The national data opt-out (issue 15 item 5; @stepwell/personal-data).
  CreateSecondaryUseOptOuts1765000000000,
  // Issue 17, the closed loop: social prescriptions' wellbeing measures from the directory.
  CreateCommunityWellbeingMeasure1765400000172,
];
