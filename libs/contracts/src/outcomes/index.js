"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.outcomesContracts = void 0;
const episode_not_on_track_contract_1 = require("./v1/episode-not-on-track.contract");
const measure_recorded_contract_1 = require("./v1/measure-recorded.contract");
const outcome_flags_computed_contract_1 = require("./v1/outcome-flags-computed.contract");
const risk_alert_acknowledged_contract_1 = require("./v1/risk-alert-acknowledged.contract");
const risk_alert_escalated_contract_1 = require("./v1/risk-alert-escalated.contract");
const risk_alert_raised_contract_1 = require("./v1/risk-alert-raised.contract");
/** Every contract the outcomes service publishes, all versions. */
exports.outcomesContracts = [
    measure_recorded_contract_1.MeasureRecordedV1Contract,
    risk_alert_raised_contract_1.RiskAlertRaisedV1Contract,
    risk_alert_acknowledged_contract_1.RiskAlertAcknowledgedV1Contract,
    risk_alert_escalated_contract_1.RiskAlertEscalatedV1Contract,
    outcome_flags_computed_contract_1.OutcomeFlagsComputedV1Contract,
    episode_not_on_track_contract_1.EpisodeNotOnTrackV1Contract,
];
//# sourceMappingURL=index.js.map