/**
 * The anxiety-disorder-specific measures (ADSMs) of NHS Talking Therapies that Stepwell does not score yet.
 * Their caseness cut-offs and reliable-change values must come from the NHS Talking Therapies Manual, which we
 * do not hold here; guessing them would make recovery figures wrong, so they are listed and refused instead.
 */
export type AnxietyDisorderSpecificMeasureCode = 'SPIN' | 'PDSS' | 'MI' | 'OCI-R' | 'PCL-5' | 'HAI';

export interface UnsupportedMeasure {
  readonly code: AnxietyDisorderSpecificMeasureCode;
  readonly title: string;
  /** The anxiety disorder the measure is specific to. */
  readonly disorder: string;
  readonly reason: string;
}

const noAuthoritativeCutOffs =
  'not yet supported: no authoritative caseness cut-off or reliable-change value available here ' +
  '(take them from the NHS Talking Therapies Manual before adding the measure)';

export const unsupportedMeasures: readonly UnsupportedMeasure[] = [
  { code: 'SPIN', title: 'Social Phobia Inventory', disorder: 'social anxiety disorder', reason: noAuthoritativeCutOffs },
  { code: 'PDSS', title: 'Panic Disorder Severity Scale', disorder: 'panic disorder', reason: noAuthoritativeCutOffs },
  { code: 'MI', title: 'Mobility Inventory', disorder: 'agoraphobia', reason: noAuthoritativeCutOffs },
  {
    code: 'OCI-R',
    title: 'Obsessive-Compulsive Inventory – Revised',
    disorder: 'obsessive-compulsive disorder',
    reason: noAuthoritativeCutOffs,
  },
  {
    code: 'PCL-5',
    title: 'PTSD Checklist for DSM-5 (or IES-R)',
    disorder: 'post-traumatic stress disorder',
    reason: noAuthoritativeCutOffs,
  },
  { code: 'HAI', title: 'Health Anxiety Inventory', disorder: 'health anxiety', reason: noAuthoritativeCutOffs },
];
