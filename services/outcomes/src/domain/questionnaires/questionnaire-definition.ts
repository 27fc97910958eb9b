/**
 * The shape of a standardised measure (a questionnaire), close enough to FHIR `Questionnaire` that
 * `toFhirQuestionnaire` is a plain mapping. Values here are the published ones; the thresholds that decide
 * outcome flags live in a versioned rule set (rule-sets/), so that a change of rule never edits a definition.
 */

export type QuestionnaireCode = 'PHQ-9' | 'GAD-7' | 'WSAS' | 'IAPT-PHOBIA' | 'SWEMWBS' | 'ONS4';

export interface AnswerOption {
  /** The score the answer contributes (FHIR: ordinal value); -1 for an answer that is not scored. */
  readonly value: number;
  readonly label: string;
  /**
   * The item does not apply (WSAS item 1 "not working"): the answer is kept but left out of the total, and the
   * total then covers fewer items.
   */
  readonly notApplicable?: true;
}

/** Conversion of a raw total to a published score (SWEMWBS raw → metric), by table. */
export interface ScoreConversion {
  /** What the converted score is called wherever it is shown. */
  readonly label: 'metric';
  /** One row per possible raw total. */
  readonly table: readonly { readonly raw: number; readonly converted: number }[];
  readonly source: string;
}

export interface QuestionnaireItem {
  /** Stable id of the item within the questionnaire (FHIR `linkId`); answers refer to items by it. */
  readonly linkId: string;
  readonly text: string;
  readonly answerOptions: readonly AnswerOption[];
}

/** How a total is formed. `per-item`: items are reported one by one and a sum would mean nothing (ONS4). */
export type ScoringMethod =
  | {
      readonly kind: 'sum';
      readonly min: number;
      readonly max: number;
      /** Why the total is what it is, when that is not obvious (e.g. a raw total reported without conversion). */
      readonly note?: string;
      /** A published conversion of the raw total; both are stored, the converted one labelled. */
      readonly conversion?: ScoreConversion;
    }
  | { readonly kind: 'per-item'; readonly note: string };

/** A severity band over the total, inclusive at both ends. */
export interface SeverityBand {
  readonly code: string;
  readonly label: string;
  readonly min: number;
  readonly max: number;
}

/**
 * Caseness: the score at or above which a person is counted as having a clinical level of the problem.
 * `total-at-least`: total ≥ value. `any-item-at-least`: some item ≥ value (the IAPT phobia scales).
 */
export type CasenessRule =
  | { readonly kind: 'total-at-least'; readonly value: number }
  | { readonly kind: 'any-item-at-least'; readonly value: number };

/** An answer that must reach a clinician at once (PHQ-9 item 9: thoughts of self-harm). */
export interface RiskItemRule {
  readonly linkId: string;
  /** Any answer strictly above this value raises the signal. */
  readonly above: number;
  readonly signal: RiskSignalKind;
}

export type RiskSignalKind = 'thoughts-of-self-harm';

export interface CodedConcept {
  readonly system: 'http://snomed.info/sct';
  readonly code: string;
  readonly display: string;
}

export interface QuestionnaireDefinition {
  readonly code: QuestionnaireCode;
  /** Version of Stepwell's definition; a response names the version it answered. */
  readonly version: string;
  readonly title: string;
  /** The stem shown above the items. */
  readonly instruction: string;
  readonly items: readonly QuestionnaireItem[];
  readonly scoring: ScoringMethod;
  /** Contiguous bands covering the whole total range; empty when no banding is given by our sources. */
  readonly severityBands: readonly SeverityBand[];
  /** Why there are no severity bands (required when `severityBands` is empty). */
  readonly noBandsReason?: string;
  readonly caseness: CasenessRule | null;
  /** Reliable change index in points (a change of at least this much is more than measurement error). */
  readonly reliableChange: number | null;
  /** SNOMED CT concept for the total score, where DOMAIN.md gives one. */
  readonly totalScoreConcept: CodedConcept | null;
  readonly riskItems: readonly RiskItemRule[];
  /** Where the items, scoring and thresholds come from. */
  readonly sources: readonly string[];
}
