"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.schedulingContracts = void 0;
const appointment_attended_contract_1 = require("./v1/appointment-attended.contract");
const appointment_booked_contract_1 = require("./v1/appointment-booked.contract");
const appointment_cancelled_contract_1 = require("./v1/appointment-cancelled.contract");
const appointment_not_attended_contract_1 = require("./v1/appointment-not-attended.contract");
const appointment_rescheduled_contract_1 = require("./v1/appointment-rescheduled.contract");
const engagement_review_needed_contract_1 = require("./v1/engagement-review-needed.contract");
/** Every contract the scheduling service publishes, all versions. */
exports.schedulingContracts = [
    appointment_booked_contract_1.AppointmentBookedV1Contract,
    appointment_rescheduled_contract_1.AppointmentRescheduledV1Contract,
    appointment_cancelled_contract_1.AppointmentCancelledV1Contract,
    appointment_attended_contract_1.AppointmentAttendedV1Contract,
    appointment_not_attended_contract_1.AppointmentNotAttendedV1Contract,
    engagement_review_needed_contract_1.EngagementReviewNeededV1Contract,
];
//# sourceMappingURL=index.js.map