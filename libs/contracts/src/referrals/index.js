"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.referralsContracts = void 0;
const episode_discharged_contract_1 = require("./v1/episode-discharged.contract");
const episode_opened_contract_1 = require("./v1/episode-opened.contract");
const episode_paused_contract_1 = require("./v1/episode-paused.contract");
const episode_resumed_contract_1 = require("./v1/episode-resumed.contract");
const episode_step_changed_contract_1 = require("./v1/episode-step-changed.contract");
const referral_accepted_contract_1 = require("./v1/referral-accepted.contract");
const referral_declined_contract_1 = require("./v1/referral-declined.contract");
const referral_merged_contract_1 = require("./v1/referral-merged.contract");
const referral_received_contract_1 = require("./v1/referral-received.contract");
const referral_referred_on_contract_1 = require("./v1/referral-referred-on.contract");
const referral_returned_contract_1 = require("./v1/referral-returned.contract");
const referral_signposted_contract_1 = require("./v1/referral-signposted.contract");
const referral_withdrawn_contract_1 = require("./v1/referral-withdrawn.contract");
const organisation_recorded_contract_1 = require("./v1/organisation-recorded.contract");
const urgent_triage_needed_contract_1 = require("./v1/urgent-triage-needed.contract");
/** Every contract the referrals service publishes, all versions. */
exports.referralsContracts = [
    referral_received_contract_1.ReferralReceivedV1Contract,
    referral_withdrawn_contract_1.ReferralWithdrawnV1Contract,
    urgent_triage_needed_contract_1.UrgentTriageNeededV1Contract,
    referral_accepted_contract_1.ReferralAcceptedV1Contract,
    referral_merged_contract_1.ReferralMergedV1Contract,
    referral_signposted_contract_1.ReferralSignpostedV1Contract,
    referral_returned_contract_1.ReferralReturnedV1Contract,
    referral_referred_on_contract_1.ReferralReferredOnV1Contract,
    referral_declined_contract_1.ReferralDeclinedV1Contract,
    episode_opened_contract_1.EpisodeOpenedV1Contract,
    episode_step_changed_contract_1.EpisodeStepChangedV1Contract,
    episode_paused_contract_1.EpisodePausedV1Contract,
    episode_resumed_contract_1.EpisodeResumedV1Contract,
    episode_discharged_contract_1.EpisodeDischargedV1Contract,
    organisation_recorded_contract_1.OrganisationRecordedV1Contract,
];
//# sourceMappingURL=index.js.map