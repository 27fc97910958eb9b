import { OutcomesDomainError } from '../outcomes-domain.error';
import type { OutcomeRuleSet } from './outcome-rule-set';
import { ruleSetV1 } from './v1.rule-set';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Refuses a rule set that could not produce sensible flags (`INVALID_RULE_SET`). */
export function validateRuleSet(ruleSet: OutcomeRuleSet): OutcomeRuleSet {
  const problems: string[] = [];
  if (!ruleSet.version) problems.push('version is empty');
  if (!ISO_DATE.test(ruleSet.effectiveFrom)) problems.push('effectiveFrom is not an ISO date (YYYY-MM-DD)');
  for (const code of [ruleSet.depressionMeasure, ruleSet.defaultAnxietyMeasure]) {
    if (!ruleSet.measures[code]) problems.push(`${code} has no thresholds`);
  }
  for (const [code, thresholds] of Object.entries(ruleSet.measures)) {
    if (!(thresholds.caseness > 0)) problems.push(`${code} caseness must be positive`);
    if (!(thresholds.reliableChange > 0)) problems.push(`${code} reliable change must be positive`);
  }
  if (!Number.isInteger(ruleSet.minimumAttendedTreatmentAppointments) || ruleSet.minimumAttendedTreatmentAppointments < 1) {
    problems.push('minimumAttendedTreatmentAppointments must be a positive integer');
  }
  if (!Number.isInteger(ruleSet.notOnTrackAfterSessions) || ruleSet.notOnTrackAfterSessions < 1) {
    problems.push('notOnTrackAfterSessions must be a positive integer');
  }
  if (problems.length > 0) {
    throw new OutcomesDomainError('INVALID_RULE_SET', `rule set ${ruleSet.version}: ${problems.join('; ')}`, {
      version: ruleSet.version,
      problems,
    });
  }
  return ruleSet;
}

/** The rule sets known to the service, oldest first. Adding a set never changes results under another. */
export interface RuleSetRegistry {
  readonly all: readonly OutcomeRuleSet[];
  /** Throws `UNKNOWN_RULE_SET`. */
  byVersion(version: string): OutcomeRuleSet;
  /** The set in force on an ISO date (the latest whose effectiveFrom is on or before it); throws `NO_RULE_SET_IN_FORCE`. */
  inForceOn(isoDate: string): OutcomeRuleSet;
  /** A new registry with one more set; refuses a duplicate version or an effective date not after the latest. */
  with(ruleSet: OutcomeRuleSet): RuleSetRegistry;
}

export function createRuleSetRegistry(ruleSets: readonly OutcomeRuleSet[]): RuleSetRegistry {
  const all: OutcomeRuleSet[] = [];
  for (const candidate of ruleSets) {
    validateRuleSet(candidate);
    if (all.some((known) => known.version === candidate.version)) {
      throw new OutcomesDomainError('INVALID_RULE_SET', `rule set ${candidate.version} is defined twice`, {
        version: candidate.version,
      });
    }
    const latest = all.at(-1);
    if (latest && candidate.effectiveFrom <= latest.effectiveFrom) {
      throw new OutcomesDomainError(
        'INVALID_RULE_SET',
        `rule set ${candidate.version} must take effect after ${latest.version} (${latest.effectiveFrom})`,
        { version: candidate.version },
      );
    }
    all.push(candidate);
  }
  return {
    all,
    byVersion(version) {
      const found = all.find((ruleSet) => ruleSet.version === version);
      if (!found) {
        throw new OutcomesDomainError('UNKNOWN_RULE_SET', `unknown rule set ${version}`, {
          version,
          known: all.map((ruleSet) => ruleSet.version),
        });
      }
      return found;
    },
    inForceOn(isoDate) {
      // ISO dates (and date-times) compare correctly as strings on their first 10 characters.
      const day = isoDate.slice(0, 10);
      const found = all.filter((ruleSet) => ruleSet.effectiveFrom <= day).at(-1);
      if (!found) {
        throw new OutcomesDomainError('NO_RULE_SET_IN_FORCE', `no rule set is in force on ${day}`, { date: day });
      }
      return found;
    },
    with(ruleSet) {
      return createRuleSetRegistry([...all, ruleSet]);
    },
  };
}

/** The rule sets Stepwell ships. Add v2 here (a new file beside v1), never by editing v1. */
export const ruleSets: RuleSetRegistry = createRuleSetRegistry([ruleSetV1]);
