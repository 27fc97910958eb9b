"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.AppointmentNotAttendedV1Contract = exports.AppointmentNotAttendedV1Payload = void 0;
const class_validator_1 = require("class-validator");
const contract_1 = require("../../contract");
const vocabulary_1 = require("./vocabulary");
const identifiers_1 = require("../../shared/identifiers");
class AppointmentNotAttendedV1Payload {
    appointmentId;
    episodeId;
    organisationId;
    purpose;
    startsAt;
    outcome;
    recordedAt;
}
exports.AppointmentNotAttendedV1Payload = AppointmentNotAttendedV1Payload;
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentNotAttendedV1Payload.prototype, "appointmentId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.OPAQUE_ID),
    __metadata("design:type", String)
], AppointmentNotAttendedV1Payload.prototype, "episodeId", void 0);
__decorate([
    (0, class_validator_1.IsString)(),
    (0, class_validator_1.Matches)(identifiers_1.ODS_CODE),
    __metadata("design:type", String)
], AppointmentNotAttendedV1Payload.prototype, "organisationId", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.APPOINTMENT_PURPOSES),
    __metadata("design:type", String)
], AppointmentNotAttendedV1Payload.prototype, "purpose", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], AppointmentNotAttendedV1Payload.prototype, "startsAt", void 0);
__decorate([
    (0, class_validator_1.IsIn)(vocabulary_1.NOT_ATTENDED_OUTCOMES),
    __metadata("design:type", String)
], AppointmentNotAttendedV1Payload.prototype, "outcome", void 0);
__decorate([
    (0, identifiers_1.IsInstant)(),
    __metadata("design:type", String)
], AppointmentNotAttendedV1Payload.prototype, "recordedAt", void 0);
exports.AppointmentNotAttendedV1Contract = (0, contract_1.defineContract)({
    type: 'scheduling.appointment-not-attended',
    version: 1,
    producer: 'scheduling',
    payload: AppointmentNotAttendedV1Payload,
    description: 'The person did not attend an appointment, or arrived too late to be seen.',
});
//# sourceMappingURL=appointment-not-attended.contract.js.map