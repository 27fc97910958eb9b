"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MEASURE_CODE = exports.NOT_ON_TRACK_REASONS = exports.RISK_ACTIONS = exports.RISK_ALERT_URGENCIES = exports.RISK_SIGNALS = exports.COMPLETED_BY = void 0;
/** Who filled a questionnaire in: the patient (in a session or by invitation link) or a clinician with them. */
exports.COMPLETED_BY = ['patient', 'clinician'];
/** The kind of risk an answer signals (PHQ-9 item 9: thoughts that you would be better off dead or of hurting yourself). */
exports.RISK_SIGNALS = ['thoughts-of-self-harm'];
/**
 * How fast a risk alert needs a clinician: `urgent` when the answer says "more than half the days" or "nearly
 * every day", `high` for "several days". Both reach a clinician at once; the order only sorts the queue.
 */
exports.RISK_ALERT_URGENCIES = ['urgent', 'high'];
/** What the acknowledging clinician did: a code, the free-text note stays in the outcomes service. */
exports.RISK_ACTIONS = [
    'contacted-patient',
    'safety-plan-reviewed',
    'referred-to-crisis-team',
    'emergency-services-called',
    'discussed-with-supervisor',
    'no-further-action-needed',
];
/** Why an episode is not on track. */
exports.NOT_ON_TRACK_REASONS = ['reliable-deterioration', 'no-reliable-improvement'];
/** A questionnaire code as the outcomes service spells it (`PHQ-9`, `GAD-7`, `IAPT-PHOBIA`). */
exports.MEASURE_CODE = /^[A-Z0-9][A-Z0-9-]{0,31}$/;
//# sourceMappingURL=vocabulary.js.map